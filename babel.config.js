// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// Applies to src/ and to the shared core/ package (included via compile.include in config/index.ts).
module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
    }],
  ],
}
