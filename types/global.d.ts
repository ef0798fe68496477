/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

// Optional: scripts and tests build ProcessEnv objects of their own without Taro's variables.
declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    TARO_APP_ID?: string
    WX_CLOUD_ENV?: string
    H5_GATEWAY_MODE?: 'local' | 'remote'
  }
}

/** WeChat cloud environment id, injected by config/index.ts `defineConstants`. */
declare const CLOUD_ENV: string
/** True in the H5 local preview, which talks to the offline local cloud gateway. */
declare const LOCAL_CLOUD: boolean
