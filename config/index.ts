import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { cloudEnvForBuild } from './cloud-env'

const root = path.resolve(__dirname, '..')
// core/ lives outside src/ so cloud functions can share it; Taro only compiles src/ and
// taro packages by default, so both platforms must be told to run babel over it too.
const coreDir = path.join(root, 'core')
const isH5 = process.env.TARO_ENV === 'h5'

// The H5 preview talks to the offline local cloud unless someone deliberately points it at a
// remote gateway; the mini-program always talks to the real WeChat cloud.
const localCloud = isH5 && process.env.H5_GATEWAY_MODE !== 'remote'

// The env id the weapp calls; warns loudly when WX_CLOUD_ENV is missing (see cloud-env.ts).
const cloudEnv = cloudEnvForBuild(process.env)

// BUILD_OUTPUT_DIR redirects the build (deploy builds straight into the uploaded project's
// dist/; tests build into a temp dir so they never touch the dist/ other tests read).
const outputRoot = process.env.BUILD_OUTPUT_DIR || (isH5 ? 'dist-h5' : 'dist')

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'smart-gov-weapp',
    date: '2026-11-28',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot,
    plugins: [],
    defineConstants: {
      CLOUD_ENV: JSON.stringify(cloudEnv),
      LOCAL_CLOUD: JSON.stringify(localCloud),
    },
    alias: {
      '@core': coreDir,
      '@': path.join(root, 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [coreDir] },
      // Pages import shared component styles in different orders; the rules do not overlap.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [coreDir] },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
