import { localIdentity } from '@/services/identity'
import { useSetting } from './use-setting'

export function useLocalIdentity() {
  return useSetting(localIdentity)
}
