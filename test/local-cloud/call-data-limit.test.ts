/** callFunction data is capped at 100 KB (the JSON, in UTF-8 bytes), as in WeChat; trigger events are not. */
import { invokeFunction, registerFunction, sdk } from '../../local-cloud';
import { CALL_DATA_LIMIT_BYTES, callDataBytes } from '../../local-cloud/call-limits';
import { rejection, useMemoryCloud } from './helpers';

useMemoryCloud({ appid: 'wxtestappid000000001', envId: 'test-env' });

const REFUSAL = { errCode: -1, errMsg: 'cloud.callFunction:fail data exceed max size' };
const shell = Buffer.byteLength(JSON.stringify({ s: '' }));
const sized = (bytes: number) => ({ s: 'a'.repeat(bytes - shell) });

beforeEach(() => {
  let runs = 0;
  registerFunction('size', async (event: { s?: string }) => ({ length: event.s?.length ?? 0, runs: ++runs }));
  registerFunction('relay', async (event: { bytes: number }) => sdk.callFunction({ name: 'size', data: sized(event.bytes) }));
});

test('invokeFunction (the harness and gateway path) runs data of exactly 100 KB and refuses one byte more before the function runs', async () => {
  expect(await invokeFunction('size', sized(CALL_DATA_LIMIT_BYTES), { OPENID: 'o-1' })).toMatchObject({ runs: 1 });
  expect(await rejection(invokeFunction('size', sized(CALL_DATA_LIMIT_BYTES + 1), { OPENID: 'o-1' }))).toMatchObject(REFUSAL);
  expect(await invokeFunction('size', {}, { OPENID: 'o-1' })).toMatchObject({ runs: 2 });
});

test('counts UTF-8 bytes of the JSON: 40 000 Chinese characters are over, escapes count as sent', async () => {
  expect(await rejection(invokeFunction('size', { s: '办'.repeat(40_000) }, { OPENID: 'o-1' }))).toMatchObject(REFUSAL);
  expect(await invokeFunction('size', { s: '办'.repeat(30_000) }, { OPENID: 'o-1' })).toMatchObject({ length: 30_000 });
});

test('cloud.callFunction from a function is refused the same way', async () => {
  expect(await invokeFunction('relay', { bytes: 1000 }, { OPENID: 'o-1' })).toMatchObject({ result: { length: 1000 - shell } });
  expect(await rejection(invokeFunction('relay', { bytes: CALL_DATA_LIMIT_BYTES + 10 }, { OPENID: 'o-1' }))).toMatchObject(REFUSAL);
});

test('events WeChat builds itself (HTTP access) are not callFunction data', async () => {
  expect(await invokeFunction('size', sized(CALL_DATA_LIMIT_BYTES + 1), { SOURCE: 'wx_http' })).toMatchObject({ runs: 1 });
});

test('data nested deeper than JSON.stringify recurses is still measured, and a deep wide one over 100 KB is refused', async () => {
  let deep: Record<string, unknown> = { s: 'x'.repeat(CALL_DATA_LIMIT_BYTES) };
  for (let i = 0; i < 20_000; i++) deep = { a: deep, n: [1, null, 'é'] };
  expect(() => JSON.stringify(deep)).toThrow(RangeError);
  expect(callDataBytes(deep)).toBeGreaterThan(CALL_DATA_LIMIT_BYTES);
  expect(await rejection(invokeFunction('size', deep, { OPENID: 'o-1' }))).toMatchObject(REFUSAL);
  // Where JSON.stringify works, the count is exactly its UTF-8 length.
  const sample = { a: [1, 'é', null, { b: true, c: undefined }], d: '中文', e: -1.5 };
  expect(callDataBytes(sample)).toBe(Buffer.byteLength(JSON.stringify(sample), 'utf8'));
});
