/**
 * The 服务号 settings of the preview (`npm start`). Functions run inside the preview's process
 * and read process.env, so whatever the environment sets wins: OA_TOKEN, OA_ENCODING_AES_KEY,
 * WX_OA_APPID, WX_OA_SECRET, WX_OPENAPI_BASE. Only when no 服务号 is configured at all does the
 * preview fill in development values (never real ones) so that /http/consult/oa can be tried in
 * 安全模式. A token given without a key means 明文模式: no development key is added, which would
 * make the entry refuse every plaintext request.
 */
export const DEV_OA = {
  OA_TOKEN: 'local-dev-oa-token',
  OA_ENCODING_AES_KEY: 'localDevOaEncodingAesKey0000000000000000000',
  WX_OA_APPID: 'wxLOCALDEVOA000000',
} as const;

export function applyPreviewOaDefaults(env: NodeJS.ProcessEnv): void {
  const configured = !!(env.OA_TOKEN || env.OA_ENCODING_AES_KEY || env.WX_OA_APPID);
  if (configured) return;
  Object.assign(env, DEV_OA);
}
