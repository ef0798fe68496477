/**
 * Deeply nested call events: the emulator copies them without recursion (so a 10 000-level
 * event reaches the function, whose router answers INVALID_INPUT) instead of overflowing.
 */
import { z } from '../../core/zod-zh';
import { action, buildRouter } from '../../cloudfunctions/shared/router';
import { invokeFunction, registerFunction } from '../../local-cloud';
import { jsonCopy, nestingDepth } from '../../local-cloud/util';
import { cloud, rejection, useMemoryCloud } from './helpers';

function nested(levels: number): Record<string, unknown> {
  let v: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

useMemoryCloud();

describe('deep call events', () => {
  it('a 10 000-level event gets INVALID_INPUT from a routed function, not a stack overflow', async () => {
    registerFunction('routed', buildRouter({
      echo: action({ permission: 'public', params: z.object({ x: z.unknown() }).strict(), handler: async () => 'ran' }),
    }));
    const res = await invokeFunction('routed', { action: 'echo', params: { x: nested(10_000) } });
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect((res as { message: string }).message).toMatch(/嵌套过深/);
    expect(await invokeFunction('routed', { action: 'echo', params: { x: nested(10) } })).toMatchObject({ ok: true, data: 'ran' });
  });

  it('the function receives the deep event intact (the copy is iterative)', async () => {
    registerFunction('depth', async (event: unknown) => nestingDepth(event));
    expect(await invokeFunction('depth', { deep: nested(10_000) })).toBe(10_002);
  });

  it('cloud.callFunction carries deep data and results too', async () => {
    registerFunction('mirror', async (event: { deep: unknown }) => event.deep);
    registerFunction('caller', async () => {
      const r = await cloud.callFunction({ name: 'mirror', data: { deep: nested(5_000) } });
      return nestingDepth(r.result);
    });
    expect(await invokeFunction('caller', {})).toBe(5_001);
  });
});

describe('jsonCopy', () => {
  it('is exactly JSON.parse(JSON.stringify(v))', () => {
    const at = new Date('2025-01-02T03:04:05.006Z');
    const sample = {
      s: 'x', n: 1.5, nan: NaN, inf: -Infinity, t: true, nul: null, u: undefined, f: () => 1, at,
      arr: [1, undefined, () => 2, { d: at }, [NaN]], boxed: new Number(3), str: new String('s'),
      custom: { toJSON: () => ({ replaced: 1 }) }, buf: Buffer.from('hi'), map: new Map([[1, 2]]),
      nested: { a: { b: { c: [] } } },
    };
    expect(jsonCopy(sample)).toEqual(JSON.parse(JSON.stringify(sample)));
    expect(jsonCopy([undefined])).toEqual([null]);
    expect(jsonCopy(at)).toBe(at.toISOString());
  });

  it('throws on cycles and BigInt like JSON does', () => {
    const a: Record<string, unknown> = {};
    a.self = { back: a };
    expect(() => jsonCopy(a)).toThrow(TypeError);
    expect(() => jsonCopy({ n: BigInt(1) })).toThrow(TypeError);
    const shared = { x: 1 };
    expect(jsonCopy({ p: shared, q: shared })).toEqual({ p: { x: 1 }, q: { x: 1 } });
  });
});

describe('deep documents', () => {
  it('are refused with INVALID_PARAM beyond 100 levels (MongoDB), never a RangeError', async () => {
    const e = await rejection(cloud.database().collection('d').add({ data: nested(10_000) }));
    expect(e.errCode).toBe(-501007);
    expect(e.errMsg).toMatch(/nested deeper than 100 levels/);
    await cloud.database().collection('d').add({ data: nested(90) });
  });
});
