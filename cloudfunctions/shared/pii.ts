/**
 * The personal-data cipher for a key (see core/crypto/pii.ts), built once per key. Each function
 * that seals or reveals personal data passes its own env PII_KEY, so the deploy checklist lists
 * the variable only for those functions.
 */
import { createPiiCipher, PiiKeyError, type PiiCipher } from './pii-cipher';
import { DomainError } from '../../core/envelope';

let cipher: { key: string; cipher: PiiCipher } | null = null;

export function piiCipherFor(keyBase64: string | undefined): PiiCipher {
  const key = keyBase64 ?? '';
  if (cipher?.key !== key) {
    try {
      cipher = { key, cipher: createPiiCipher(key) };
    } catch (e) {
      if (e instanceof PiiKeyError) {
        console.error('[pii]', e.message);
        throw new DomainError('INTERNAL', '系统尚未完成个人信息加密配置，请联系管理员');
      }
      throw e;
    }
  }
  return cipher.cipher;
}
