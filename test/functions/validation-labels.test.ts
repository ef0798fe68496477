/**
 * Every action's validation speaks Chinese: the sweep walks each function's action table, breaks
 * every field of every params schema in several ways (wrong type, empty, too long, out of range,
 * unknown value) and calls the function. No message or field label may name an ASCII field key.
 */
import { ZodFirstPartyTypeKind, type ZodTypeAny } from 'zod';
import { actions as account } from '../../cloudfunctions/account';
import { actions as affairs } from '../../cloudfunctions/affairs';
import { actions as booking } from '../../cloudfunctions/booking';
import { actions as consult } from '../../cloudfunctions/consult';
import { actions as matters } from '../../cloudfunctions/matters';
import { actions as push } from '../../cloudfunctions/push';
import { actions as evaluation } from '../../cloudfunctions/evaluation';
import { actions as pay } from '../../cloudfunctions/pay';
import { actions as metrics } from '../../cloudfunctions/metrics';
import { ADMIN, callRaw, startCloud } from './harness';

type Path = (string | number)[];
const TABLES: Record<string, Record<string, { params: ZodTypeAny }>> = { account, affairs, booking, consult, matters, push, evaluation, pay, metrics };

/** Every path into a schema with bad values to put there, and every object key on the way. */
function walk(schema: ZodTypeAny, path: Path, out: { leaves: { path: Path; bad: unknown[] }[]; keys: Set<string> }, depth = 0): void {
  if (depth > 8) return;
  const def = schema._def as { typeName: ZodFirstPartyTypeKind } & Record<string, any>;
  switch (def.typeName) {
    case ZodFirstPartyTypeKind.ZodObject:
      for (const [k, v] of Object.entries((schema as any).shape as Record<string, ZodTypeAny>)) {
        out.keys.add(k);
        walk(v, [...path, k], out, depth + 1);
      }
      out.leaves.push({ path, bad: ['x'] });
      return;
    case ZodFirstPartyTypeKind.ZodOptional: case ZodFirstPartyTypeKind.ZodNullable: case ZodFirstPartyTypeKind.ZodDefault: case ZodFirstPartyTypeKind.ZodCatch:
      return walk(def.innerType, path, out, depth);
    case ZodFirstPartyTypeKind.ZodEffects: return walk(def.schema, path, out, depth);
    case ZodFirstPartyTypeKind.ZodBranded: case ZodFirstPartyTypeKind.ZodReadonly: return walk(def.type ?? def.innerType, path, out, depth);
    case ZodFirstPartyTypeKind.ZodPipeline: return walk(def.in, path, out, depth);
    case ZodFirstPartyTypeKind.ZodLazy: return walk(def.getter(), path, out, depth + 1);
    case ZodFirstPartyTypeKind.ZodArray:
      out.leaves.push({ path, bad: ['x', [], Array.from({ length: 2000 }, () => 'x')] });
      return walk(def.type, [...path, 0], out, depth + 1);
    case ZodFirstPartyTypeKind.ZodRecord:
      out.leaves.push({ path, bad: ['x'] });
      return walk(def.valueType, [...path, 'k'], out, depth + 1);
    case ZodFirstPartyTypeKind.ZodUnion: case ZodFirstPartyTypeKind.ZodDiscriminatedUnion:
      for (const o of def.options as ZodTypeAny[]) walk(o, path, out, depth + 1);
      return;
    case ZodFirstPartyTypeKind.ZodIntersection: walk(def.left, path, out, depth); walk(def.right, path, out, depth); return;
    case ZodFirstPartyTypeKind.ZodString: out.leaves.push({ path, bad: [12345, '', ' ', 'x'.repeat(30000), '2025-07-01 08:00', '##'] }); return;
    case ZodFirstPartyTypeKind.ZodNumber: out.leaves.push({ path, bad: ['x', -1e9, 1e12, 1.5] }); return;
    case ZodFirstPartyTypeKind.ZodBoolean: out.leaves.push({ path, bad: ['x'] }); return;
    default: out.leaves.push({ path, bad: [{ bad: true }, 12345] });
  }
}

function put(path: Path, value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  return typeof head === 'number' ? [put(rest, value)] : { [head]: put(rest, value) };
}

const cases = Object.entries(TABLES).flatMap(([fn, table]) => Object.entries(table).map(([action, def]) => [fn, action, def.params] as const));

beforeAll(() => startCloud());

it.each(cases)('%s.%s: validation messages name fields in Chinese', async (fn, action, schema) => {
  const out = { leaves: [] as { path: Path; bad: unknown[] }[], keys: new Set<string>() };
  walk(schema, [], out);
  const leaks: string[] = [];
  const keyRe = (text: string) => (text.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []).filter((w) => out.keys.has(w));
  for (const leaf of out.leaves) {
    for (const bad of leaf.bad) {
      const params = put(leaf.path, bad);
      const res = await callRaw(fn, { action, params }, ADMIN); // admin: past the permission gate into handler-level checks too
      if (res.ok || res.code !== 'INVALID_INPUT') continue;
      const texts = [res.message, ...((res as { details?: { field: string; message: string }[] }).details ?? []).flatMap((d) => [d.field, d.message])];
      // Neither a field key nor a format placeholder (YYYY-MM-DD) a citizen cannot read.
      for (const t of texts) if (keyRe(t).length || /YYYY|MM-DD|HH:mm/.test(t)) leaks.push(`${JSON.stringify(params).slice(0, 80)} → ${t}`);
    }
  }
  expect([...new Set(leaks)].slice(0, 15)).toEqual([]);
}, 60_000);
