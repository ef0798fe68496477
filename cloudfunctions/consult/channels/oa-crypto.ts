/**
 * 服务号 安全模式 / 兼容模式 message encryption, as WeChat specifies it for the OA server API:
 *   - key = base64(EncodingAESKey + '='), 32 bytes; AES-256-CBC with IV = the key's first 16 bytes;
 *   - plaintext = 16 random bytes ‖ uint32 big-endian length of msg ‖ msg ‖ appid, padded PKCS#7
 *     to a multiple of 32 bytes (not the cipher's own 16-byte padding);
 *   - msg_signature = sha1(sort([token, timestamp, nonce, Encrypt]).join('')).
 * The appid at the end is checked: a message encrypted for another account is refused.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BLOCK = 32;

export class OaCryptoConfigError extends Error {}

export interface OaCipher {
  /** The inner XML, or null when the ciphertext, its padding or its appid is wrong. */
  decrypt(encrypt: string): string | null;
  encrypt(xml: string, random?: Buffer): string;
}

/** WeChat's signature over a request: sha1 of the parts sorted and joined (both `signature` and `msg_signature`). */
export function wxSignature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

export function oaMsgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return wxSignature(token, timestamp, nonce, encrypt);
}

export function sameSignature(want: string, got: string | undefined): boolean {
  if (!got || !/^[0-9a-f]{40}$/i.test(got)) return false;
  return timingSafeEqual(Buffer.from(want), Buffer.from(got.toLowerCase()));
}

export function oaCipher(encodingAesKey: string, appid: string): OaCipher {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) throw new OaCryptoConfigError('EncodingAESKey 应为 43 位字母数字');
  if (!appid) throw new OaCryptoConfigError('缺少服务号 appid');
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new OaCryptoConfigError('EncodingAESKey 解码后应为 32 字节');
  const iv = key.subarray(0, 16);

  return {
    decrypt(encrypt) {
      try {
        const raw = Buffer.from(encrypt, 'base64');
        if (raw.length === 0 || raw.length % BLOCK !== 0) return null;
        const d = createDecipheriv('aes-256-cbc', key, iv);
        d.setAutoPadding(false);
        const plain = Buffer.concat([d.update(raw), d.final()]);
        const pad = plain[plain.length - 1];
        if (pad < 1 || pad > BLOCK || plain.subarray(plain.length - pad).some((b) => b !== pad)) return null;
        const body = plain.subarray(16, plain.length - pad);
        if (body.length < 4) return null;
        const len = body.readUInt32BE(0);
        if (4 + len > body.length) return null;
        if (body.subarray(4 + len).toString('utf8') !== appid) return null;
        return body.subarray(4, 4 + len).toString('utf8');
      } catch {
        return null;
      }
    },
    encrypt(xml, random = randomBytes(16)) {
      const msg = Buffer.from(xml, 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(msg.length);
      const body = Buffer.concat([random, len, msg, Buffer.from(appid, 'utf8')]);
      const pad = BLOCK - (body.length % BLOCK);
      const c = createCipheriv('aes-256-cbc', key, iv);
      c.setAutoPadding(false);
      return Buffer.concat([c.update(Buffer.concat([body, Buffer.alloc(pad, pad)])), c.final()]).toString('base64');
    },
  };
}
