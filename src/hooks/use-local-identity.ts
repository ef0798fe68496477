import { useCallback, useEffect, useState } from 'react'
import { isLocalPreview, loadLocalIdentities, localIdentity, type LocalIdentity } from '@/services/identity'
import { useSetting } from './use-setting'

export function useLocalIdentity() {
  return useSetting(localIdentity)
}

export type IdentitiesState =
  | { status: 'loading' }
  | { status: 'ready'; identities: LocalIdentity[] }
  | { status: 'failed' }

/** The preview identities from the gateway (H5 local preview only; idle elsewhere). */
export function useLocalIdentities(): [IdentitiesState, () => void] {
  const [state, setState] = useState<IdentitiesState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    if (!isLocalPreview) return undefined
    let live = true
    setState({ status: 'loading' })
    loadLocalIdentities().then(
      (identities) => live && setState({ status: 'ready', identities }),
      () => live && setState({ status: 'failed' }),
    )
    return () => {
      live = false
    }
  }, [attempt])
  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return [state, retry]
}
