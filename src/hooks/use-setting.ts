import { useEffect, useState } from 'react'
import type { PersistedSetting } from '@/services/persisted-setting'

/** Current value of a persisted setting, re-rendering when any page changes it. */
export function useSetting<T>(setting: PersistedSetting<T>): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => setting.get())
  // Re-read on subscribe: another page may have changed it between render and effect.
  useEffect(() => {
    setValue(setting.get())
    return setting.subscribe(setValue)
  }, [setting])
  return [value, setting.set]
}
