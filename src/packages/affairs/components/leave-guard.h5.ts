/** Browsers ask on reload / close through beforeunload (they show their own wording). */
let message: string | null = null

function onBeforeUnload(e: BeforeUnloadEvent): string | undefined {
  if (message === null) return undefined
  e.preventDefault()
  e.returnValue = message
  return message
}

export function guardLeave(on: boolean, text: string): void {
  if (on && message === null) window.addEventListener('beforeunload', onBeforeUnload)
  if (!on && message !== null) window.removeEventListener('beforeunload', onBeforeUnload)
  message = on ? text : null
}
