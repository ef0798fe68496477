/**
 * The preview's WeChat Pay: an emulator on a local port with keys generated at start, and the
 * `pay` function configured for it exactly as an operator configures it for WeChat Pay (the
 * WECHATPAY_* environment variables; notify URL on the gateway's HTTP access service). A
 * deployment that configured its own merchant (WECHATPAY_MCHID set) keeps it and gets no emulator.
 * Orders and refunds are kept in the data dir (wechatpay-emulator.json), so a restart keeps them.
 */
import * as path from 'node:path';
import { WechatPayEmulator } from './emulator';
import { payEnvFor } from './keys';
import { STATE_FILE_NAME } from './state-file';

export interface PreviewPay {
  emulator: WechatPayEmulator;
  close(): Promise<void>;
}

export async function startPreviewPay(appid: string, gatewayUrl: string, dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<PreviewPay | null> {
  if (env.WECHATPAY_MCHID) return null;
  const emulator = new WechatPayEmulator({
    appid,
    notifyCopies: env.LOCAL_PAY_NOTIFY === 'drop' ? 0 : 2,
    stateFile: path.join(dataDir, STATE_FILE_NAME),
  });
  const base = await emulator.listen();
  const vars = payEnvFor(emulator.keys, base, `${gatewayUrl}/http/pay/notify`);
  const previous: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(vars)) {
    previous[k] = env[k];
    env[k] = v;
  }
  return {
    emulator,
    async close() {
      await emulator.close();
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete env[k];
        else env[k] = v;
      }
    },
  };
}
