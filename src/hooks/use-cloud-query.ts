import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionName, FunctionName, ParamsOf, ResultOf } from '@core/api'
import { callCloud, type ClientFail } from '@/services/cloud-client'
import { isLocalPreview } from '@/services/identity'
import { useLocalIdentity } from './use-local-identity'

export interface CloudQuery<T> {
  /** The last successful result; kept while a newer request is in flight. */
  data: T | undefined
  error: ClientFail | undefined
  reload: () => void
}

/**
 * Load one cloud action and keep its result. Re-runs when the params change (compared by
 * value) and, in the local preview, when the impersonated identity changes — the answer
 * depends on who asks. Late replies from superseded requests are dropped.
 */
export function useCloudQuery<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  params: ParamsOf<F, A>,
  options: { enabled?: boolean } = {},
): CloudQuery<ResultOf<F, A>> {
  const enabled = options.enabled ?? true
  const [identity] = useLocalIdentity()
  const [state, setState] = useState<{ data?: ResultOf<F, A>; error?: ClientFail }>({})
  const [nonce, setNonce] = useState(0)
  const latest = useRef(0)
  const paramsKey = JSON.stringify(params)
  const who = isLocalPreview ? identity : ''

  useEffect(() => {
    if (!enabled) return
    const ticket = ++latest.current
    callCloud(fn, action, JSON.parse(paramsKey) as ParamsOf<F, A>).then((res) => {
      if (ticket !== latest.current) return
      setState(res.ok ? { data: res.data } : { error: res })
    })
  }, [fn, action, paramsKey, who, enabled, nonce])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return { data: state.data, error: state.error, reload }
}
