import Taro from '@tarojs/taro'

/**
 * A small user preference kept in storage and broadcast on change, so every page that is
 * still mounted in the navigation stack (weapp keeps them alive) updates at once.
 */
export interface PersistedSetting<T> {
  readonly key: string
  get(): T
  set(value: T): void
  subscribe(listener: (value: T) => void): () => void
}

export function persistedSetting<T>(
  key: string,
  parse: (raw: unknown) => T | undefined,
  fallback: () => T,
): PersistedSetting<T> {
  const event = `setting-change:${key}`
  return {
    key,
    get() {
      try {
        const value = parse(Taro.getStorageSync(key))
        if (value !== undefined) return value
      } catch {
        // Storage can be unavailable (private browsing, quota); a default is better than a crash.
      }
      return fallback()
    },
    set(value) {
      try {
        Taro.setStorageSync(key, value)
      } catch {
        // Keep the in-memory change even if it cannot be persisted.
      }
      Taro.eventCenter.trigger(event, value)
    },
    subscribe(listener) {
      Taro.eventCenter.on(event, listener)
      return () => Taro.eventCenter.off(event, listener)
    },
  }
}
