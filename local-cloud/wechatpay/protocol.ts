/**
 * The emulator's side of WeChat Pay APIv3's wire rules, written from the published formats with
 * node:crypto (independently of the client in cloudfunctions/pay, so each checks the other):
 * - a request carries `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",
 *   signature="…",timestamp="…",serial_no="…"`, the signature RSA-SHA256 (PKCS#1 v1.5) over
 *   `METHOD\nURL\ntimestamp\nnonce\nbody\n` with the merchant's private key;
 * - replies and notifications carry `Wechatpay-Timestamp/-Nonce/-Signature/-Serial`, signed over
 *   `timestamp\nnonce\nbody\n` with WeChat Pay's private key;
 * - a notification's resource is AEAD_AES_256_GCM under the APIv3 key: ciphertext = base64(data ‖ 16-byte tag).
 */
import * as crypto from 'node:crypto';
import { randomAlnum } from './keys';

export interface AuthorizationParts {
  mchid: string;
  nonce: string;
  signature: string;
  timestamp: string;
  serialNo: string;
}

const SCHEME = 'WECHATPAY2-SHA256-RSA2048';

export function parseAuthorization(header: string | undefined): AuthorizationParts | null {
  if (!header || !header.startsWith(`${SCHEME} `)) return null;
  const fields: Record<string, string> = {};
  for (const m of header.slice(SCHEME.length + 1).matchAll(/(\w+)="([^"]*)"/g)) fields[m[1] ?? ''] = m[2] ?? '';
  const { mchid, nonce_str: nonce, signature, timestamp, serial_no: serialNo } = fields;
  if (!mchid || !nonce || !signature || !timestamp || !serialNo) return null;
  return { mchid, nonce, signature, timestamp, serialNo };
}

export function verifyRequest(
  auth: AuthorizationParts, method: string, pathAndQuery: string, body: string, merchantPublicKey: string,
): boolean {
  const message = `${method}\n${pathAndQuery}\n${auth.timestamp}\n${auth.nonce}\n${body}\n`;
  try {
    return crypto.verify('sha256', Buffer.from(message), merchantPublicKey, Buffer.from(auth.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Headers WeChat Pay puts on a reply or a notification. */
export function platformHeaders(body: string, platformPrivateKey: string, publicKeyId: string, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomAlnum(32);
  const signature = crypto.sign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`), platformPrivateKey).toString('base64');
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signature,
    'Wechatpay-Serial': publicKeyId,
  };
}

export interface EncryptedResource {
  original_type: string;
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
}

export function encryptResource(plain: unknown, originalType: string, apiV3Key: string): EncryptedResource {
  const nonce = randomAlnum(12);
  const associatedData = originalType;
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const data = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { original_type: originalType, algorithm: 'AEAD_AES_256_GCM', ciphertext: data.toString('base64'), associated_data: associatedData, nonce };
}
