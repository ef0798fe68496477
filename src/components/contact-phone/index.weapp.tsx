import { useElderMode } from '@/theme/elder-mode'
import type { ContactPhoneProps } from './types'

/** weapp: the native <contact-phone> (declared in the page's usingComponents) does the dialling. */
export function ContactPhone({ phone, label }: ContactPhoneProps) {
  const { elder } = useElderMode()
  return <contact-phone phone={phone} label={label} elder={elder} />
}
