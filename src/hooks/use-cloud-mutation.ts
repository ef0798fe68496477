import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionName, FunctionName, ParamsOf, ResultOf } from '@core/api'
import { callCloud, type ClientEnvelope } from '@/services/cloud-client'

export interface CloudMutation<F extends FunctionName, A extends ActionName<F>> {
  /**
   * Sends the write, unless one from this hook is still in flight: then the tap is ignored and
   * `undefined` comes back. `confirm` (e.g. a modal) runs inside the same guard, before sending;
   * answering false sends nothing.
   */
  run: (params: ParamsOf<F, A>, options?: { confirm?: () => Promise<boolean> }) => Promise<ClientEnvelope<ResultOf<F, A>> | undefined>
  /** True while a write is in flight: for the button's look; the guard itself does not wait for a render. */
  busy: boolean
}

/**
 * The one way a page writes through a cloud action. A double tap on a slow network must not send
 * the write twice, so the guard is a ref checked and set in the same tick as the tap.
 */
export function useCloudMutation<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A): CloudMutation<F, A> {
  const inFlight = useRef(false)
  const mounted = useRef(true)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    mounted.current = true
    return () => { mounted.current = false }
  }, [])

  const run = useCallback(async (params: ParamsOf<F, A>, options: { confirm?: () => Promise<boolean> } = {}) => {
    if (inFlight.current) return undefined
    inFlight.current = true
    setBusy(true)
    try {
      if (options.confirm && !(await options.confirm())) return undefined
      return await callCloud(fn, action, params)
    } finally {
      inFlight.current = false
      if (mounted.current) setBusy(false)
    }
  }, [fn, action])

  return { run, busy }
}
