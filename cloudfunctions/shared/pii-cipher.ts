/**
 * Personal data at rest (PIPL): ID numbers and phone numbers are stored encrypted with
 * AES-256-GCM, each with a keyed hash (HMAC-SHA256) beside it so staff can find an application
 * by ID number without decrypting everything.
 *
 * The 32-byte master key comes from env `PII_KEY` (base64) — set it on every cloud function that
 * reads or writes applications. Two sub-keys are derived from it (HKDF), one to encrypt and one
 * to hash, so a leaked hash key never decrypts anything. Locally the key is generated once per
 * DATA_DIR (`DATA_DIR/pii.key`, git-ignored) by the local cloud.
 *
 * Server-only (node:crypto), so it lives with the cloud functions, not in core/; the mini-program
 * never bundles it.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

import type { EncryptedValue } from '../../core/crypto/pii-types';

export type { EncryptedValue };

export interface PiiCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  hash(value: string): string;
  seal(plain: string): EncryptedValue;
}

export class PiiKeyError extends Error {}

export function parsePiiKey(base64: string | undefined): Buffer {
  if (!base64) throw new PiiKeyError('未配置个人信息加密密钥（环境变量 PII_KEY）');
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new PiiKeyError('个人信息加密密钥 PII_KEY 须为32字节的 base64 字符串');
  return key;
}

export function generatePiiKey(): string {
  return randomBytes(32).toString('base64');
}

/** ID numbers compare case-insensitively (the X), phones without spaces. */
export function normaliseForHash(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}

export function createPiiCipher(keyBase64: string | undefined): PiiCipher {
  const master = parsePiiKey(keyBase64);
  const encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'pii-aes-256-gcm', 32));
  const macKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'pii-hmac-sha256', 32));

  const encrypt = (plain: string) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', encKey, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
  };
  const decrypt = (sealed: string) => {
    const [v, iv, tag, ct] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || ct === undefined) throw new PiiKeyError('密文格式不正确');
    const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  };
  const hash = (value: string) => createHmac('sha256', macKey).update(normaliseForHash(value)).digest('hex');
  return { encrypt, decrypt, hash, seal: (plain) => ({ c: encrypt(plain), h: hash(plain) }) };
}
