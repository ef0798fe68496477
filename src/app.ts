import type { PropsWithChildren } from 'react'
import { initCloud } from '@/services/cloud-client'
import { keepBackInApp } from '@/utils/h5-history'
import './app.scss'

// WeChat cloud must be initialised once before the first callFunction; no-op on h5.
initCloud()
// Browser Back on a tab page stays in the app (h5 only; the build drops this on weapp).
if (process.env.TARO_ENV === 'h5') keepBackInApp()

function App({ children }: PropsWithChildren) {
  // children are the pages Taro renders
  return children
}

export default App
