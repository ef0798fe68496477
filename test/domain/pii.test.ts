import { createPiiCipher, generatePiiKey, parsePiiKey } from '../../cloudfunctions/shared/pii-cipher';
import { maskIdNumber, maskName, maskPhone } from '../../core/mask';

describe('PII encryption (AES-256-GCM + HMAC)', () => {
  const key = generatePiiKey();
  const pii = createPiiCipher(key);

  it('round-trips and never stores the plaintext', () => {
    const sealed = pii.encrypt('11010519491231002X');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('110105');
    expect(pii.decrypt(sealed)).toBe('11010519491231002X');
    expect(pii.encrypt('13812345678')).not.toBe(pii.encrypt('13812345678')); // fresh IV each time
  });

  it('detects tampering', () => {
    const sealed = pii.encrypt('13812345678');
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[3], 'base64url');
    ct[0] ^= 1;
    parts[3] = ct.toString('base64url');
    expect(() => pii.decrypt(parts.join('.'))).toThrow();
  });

  it('a different key cannot decrypt, and hashes differ per key', () => {
    const other = createPiiCipher(generatePiiKey());
    expect(() => other.decrypt(pii.encrypt('x'))).toThrow();
    expect(other.hash('11010519491231002X')).not.toBe(pii.hash('11010519491231002X'));
  });

  it('keyed hash is stable and normalised for lookup', () => {
    expect(pii.hash('11010519491231002x')).toBe(pii.hash('11010519491231002X'));
    expect(pii.hash('138 1234 5678')).toBe(pii.hash('13812345678'));
    expect(pii.hash('13812345678')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a missing or short key with a Chinese message', () => {
    expect(() => parsePiiKey(undefined)).toThrow('PII_KEY');
    expect(() => parsePiiKey(Buffer.alloc(16).toString('base64'))).toThrow('32字节');
  });

  it('masks for display', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskName('张三')).toBe('张*');
  });
});
