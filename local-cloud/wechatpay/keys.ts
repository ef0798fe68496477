/**
 * Test keys for the WeChat Pay emulator, generated at start (never stored in git): the merchant's
 * API certificate key pair (the merchant signs requests and `paySign` with the private key; the
 * emulator checks them with the public one), WeChat Pay's own key pair ("微信支付公钥": the emulator
 * signs replies and notifications, the merchant verifies them), and the 32-byte APIv3 key that
 * encrypts notification resources.
 */
import * as crypto from 'node:crypto';

export interface WechatPayTestKeys {
  mchid: string;
  appid: string;
  apiV3Key: string;
  merchantPrivateKey: string;
  merchantPublicKey: string;
  /** 商户 API 证书序列号 (40 hex digits). */
  merchantSerialNo: string;
  platformPrivateKey: string;
  platformPublicKey: string;
  /** 微信支付公钥 ID, sent back in `Wechatpay-Serial`. */
  platformPublicKeyId: string;
}

function rsaPair(): { privateKey: string; publicKey: string } {
  return crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random [0-9A-Za-z] string (nonces, the APIv3 key), as WeChat Pay issues them. */
export function randomAlnum(length: number): string {
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALNUM[(bytes[i] ?? 0) % ALNUM.length];
  return out;
}

export function generateTestKeys(appid: string, mchid = '1900000109'): WechatPayTestKeys {
  const merchant = rsaPair();
  const platform = rsaPair();
  return {
    mchid,
    appid,
    apiV3Key: randomAlnum(32),
    merchantPrivateKey: merchant.privateKey,
    merchantPublicKey: merchant.publicKey,
    merchantSerialNo: crypto.randomBytes(20).toString('hex').toUpperCase(),
    platformPrivateKey: platform.privateKey,
    platformPublicKey: platform.publicKey,
    platformPublicKeyId: `PUB_KEY_ID_${crypto.randomBytes(16).toString('hex').toUpperCase()}`,
  };
}

/**
 * The environment variables the `pay` function reads, exactly as an operator sets them on WeChat
 * cloud (see docs/pay.md): only the values (and the base URL) differ from production.
 */
export function payEnvFor(keys: WechatPayTestKeys, baseUrl: string, notifyUrl: string): Record<string, string> {
  return {
    WECHATPAY_BASE_URL: baseUrl,
    WECHATPAY_MCHID: keys.mchid,
    WECHATPAY_APPID: keys.appid,
    WECHATPAY_API_V3_KEY: keys.apiV3Key,
    WECHATPAY_PRIVATE_KEY: keys.merchantPrivateKey,
    WECHATPAY_SERIAL_NO: keys.merchantSerialNo,
    WECHATPAY_PUBLIC_KEY: keys.platformPublicKey,
    WECHATPAY_PUBLIC_KEY_ID: keys.platformPublicKeyId,
    WECHATPAY_NOTIFY_URL: notifyUrl,
  };
}
