import type { PropsWithChildren } from 'react'
import { initCloud } from '@/services/cloud-client'
import './app.scss'

// WeChat cloud must be initialised once before the first callFunction; no-op on h5.
initCloud()

function App({ children }: PropsWithChildren) {
  // children are the pages Taro renders
  return children
}

export default App
