/** The preview's 服务号 settings come from the environment; dev values only when none is configured. */
import { applyPreviewOaDefaults, DEV_OA } from '../../scripts/lib/preview-oa-env';

describe('npm start: 服务号 settings', () => {
  it('uses OA_TOKEN when set and adds no development key (明文模式 keeps working)', () => {
    const env: NodeJS.ProcessEnv = { OA_TOKEN: 'my-oa-token' };
    applyPreviewOaDefaults(env);
    expect(env).toEqual({ OA_TOKEN: 'my-oa-token' });
  });

  it('leaves WX_OPENAPI_BASE, WX_OA_APPID and WX_OA_SECRET from the environment untouched', () => {
    const env: NodeJS.ProcessEnv = { WX_OPENAPI_BASE: 'http://127.0.0.1:9999', WX_OA_APPID: 'wxREALOA', WX_OA_SECRET: 's', OA_TOKEN: 't', OA_ENCODING_AES_KEY: 'k'.repeat(43) };
    const before = { ...env };
    applyPreviewOaDefaults(env);
    expect(env).toEqual(before);
  });

  it('fills in development values only when no 服务号 is configured', () => {
    const env: NodeJS.ProcessEnv = {};
    applyPreviewOaDefaults(env);
    expect(env).toEqual({ ...DEV_OA });
  });
});
