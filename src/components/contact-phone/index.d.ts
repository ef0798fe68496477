// Type face of the platform files: Taro picks index.weapp.tsx or index.h5.tsx at build time.
import type { ContactPhoneProps } from './types'

export type { ContactPhoneProps }
export declare function ContactPhone(props: ContactPhoneProps): JSX.Element
