import type { UserConfigExport } from '@tarojs/cli'

export default {
  mini: {
    // Keep the main package small: the weapp build is what WeChat measures against its 2 MB cap.
    optimizeMainPackage: { enable: true },
  },
  h5: {},
} satisfies UserConfigExport<'webpack5'>
