/**
 * 服务号 安全模式 cipher against the known-answer vectors of Tencent's published WXBizMsgCrypt
 * samples (EncodingAESKey, appid, random prefix and ciphertexts as published), plus the ways a
 * message must be refused.
 */
import { oaCipher, OaCryptoConfigError, oaMsgSignature } from '../../cloudfunctions/consult/channels/oa-crypto';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
// Java sample: appid wxb11529c136998cb6, random 'aaaabbbbccccdddd', message '我是中文abcd123'.
const SHORT = 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==';
// Python sample: token spamtest, timestamp 1409735669, nonce 1320562132, appid wx2c2769f8efd9abc2.
const INBOUND = 'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=';

describe('服务号 安全模式 cipher', () => {
  it('encrypts exactly as the published sample (32-byte PKCS#7, IV = key prefix, appid suffix)', () => {
    const c = oaCipher(KEY, 'wxb11529c136998cb6');
    expect(c.encrypt('我是中文abcd123', Buffer.from('aaaabbbbccccdddd'))).toBe(SHORT);
    expect(c.decrypt(SHORT)).toBe('我是中文abcd123');
  });

  it('verifies and decrypts the published inbound message', () => {
    expect(oaMsgSignature('spamtest', '1409735669', '1320562132', INBOUND)).toBe('5d197aaffba7e9b25a30732f161a50dee96bd5fa');
    const xml = oaCipher(KEY, 'wx2c2769f8efd9abc2').decrypt(INBOUND);
    expect(xml).toContain('<Content><![CDATA[abcdteT]]></Content>');
    expect(xml).toContain('<MsgId>6054768590064713728</MsgId>');
  });

  it('refuses another account\'s message, a truncated or altered ciphertext', () => {
    expect(oaCipher(KEY, 'wxOTHER').decrypt(INBOUND)).toBeNull();
    const c = oaCipher(KEY, 'wx2c2769f8efd9abc2');
    expect(c.decrypt(INBOUND.slice(0, 64))).toBeNull();
    const raw = Buffer.from(INBOUND, 'base64');
    raw[raw.length - 1] ^= 0x55; // breaks the padding of the last block
    expect(c.decrypt(raw.toString('base64'))).toBeNull();
    expect(c.decrypt('')).toBeNull();
  });

  it('round-trips any reply, and refuses a malformed key at configuration', () => {
    const c = oaCipher(KEY, 'wxTEST');
    for (const s of ['', 'a', 'x'.repeat(31), 'y'.repeat(32), '中文回复'.repeat(40)]) expect(c.decrypt(c.encrypt(s))).toBe(s);
    expect(() => oaCipher(KEY.slice(1), 'wxTEST')).toThrow(OaCryptoConfigError);
    expect(() => oaCipher(KEY, '')).toThrow(OaCryptoConfigError);
  });
});
