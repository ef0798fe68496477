/**
 * H5 only: the browser's Back button must not leave the app from a tab page. The entry the app
 * was opened on becomes a "floor" and the app stands one entry above it (same URL, same state
 * Taro's router gave it). Reaching the floor by Back steps forward again before Taro's router
 * hears of it, so the page stays as it was. Other Back presses are the router's as usual.
 * WeChat has no such button: the mini-program's own navigation handles it.
 */
const MARK = '__smartgovFloor'

export function keepBackInApp(win: Window | undefined = typeof window === 'undefined' ? undefined : window): void {
  if (!win || !win.history || typeof win.addEventListener !== 'function') return
  const { history } = win
  const state = history.state as Record<string, unknown> | null
  if (!state || !state[MARK]) {
    history.replaceState({ ...(state ?? {}), [MARK]: true }, '', win.location.href)
    history.pushState(state, '', win.location.href)
  }
  let restoring = false
  // Registered before Taro's router (app.ts runs first), so this listener can swallow the event.
  win.addEventListener('popstate', (e: PopStateEvent) => {
    const s = e.state as Record<string, unknown> | null
    if (s && s[MARK]) {
      e.stopImmediatePropagation()
      restoring = true
      history.go(1)
      return
    }
    if (restoring) {
      // The forward step back onto the page we never left: nothing for the router to do.
      restoring = false
      e.stopImmediatePropagation()
    }
  }, true)
}
