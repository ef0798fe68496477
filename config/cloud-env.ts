/**
 * Which WeChat cloud environment a build talks to. config/index.ts bakes it into the bundle as
 * the `CLOUD_ENV` constant (src/services/cloud-client.ts passes it to `Taro.cloud.init`), and
 * `npm run deploy` reads it back out of dist/ before uploading.
 *
 * Without WX_CLOUD_ENV the weapp is built for the placeholder `local-env`: good for
 * miniprogram-simulate tests, useless in WeChat — so the build says so, loudly.
 */

/** The placeholder env id of builds made without WX_CLOUD_ENV; never deployable. */
export const LOCAL_CLOUD_ENV = 'local-env'

/** Printed (to stderr) by every weapp build without WX_CLOUD_ENV. */
export const MISSING_CLOUD_ENV_WARNING = [
  '',
  '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
  `!! 警告：未设置 WX_CLOUD_ENV，本次小程序构建连接的是占位云环境 ${LOCAL_CLOUD_ENV}。`,
  '!! 这样的 dist/ 只能用于本地测试；上传到微信后，所有云函数调用都会失败。',
  '!! 部署请直接运行 npm run deploy（按部署目标的云环境重新构建），',
  '!! 或先运行 WX_CLOUD_ENV=<云环境ID> npm run build:weapp。',
  '!! npm run deploy 会拒绝上传云环境为 local-env 或与部署目标不一致的构建。',
  '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
  '',
].join('\n')

export function cloudEnvForBuild(
  env: Record<string, string | undefined>,
  warn: (message: string) => void = (m) => console.warn(m),
): string {
  const id = env.WX_CLOUD_ENV?.trim()
  if (id) return id
  if (env.TARO_ENV === 'weapp') warn(MISSING_CLOUD_ENV_WARNING)
  return LOCAL_CLOUD_ENV
}
