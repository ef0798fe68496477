/**
 * Native WeChat components rendered from React JSX on weapp. Taro passes the props through as
 * component properties; declaring them here keeps the JSX type-checked.
 */
import 'react'

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'contact-phone': {
        phone: string
        label?: string
        elder?: boolean
        className?: string
      }
    }
  }
}
