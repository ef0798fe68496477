/**
 * Translates WeChat `where()` conditions into MongoDB queries evaluated by mingo.
 *
 * Mirrors @cloudbase/database's QuerySerializer: plain nested objects are flattened into dot
 * paths (`{ a: { b: 1 } }` ≡ `{ 'a.b': 1 }`), arrays are compared as whole values, commands
 * become Mongo operators. Unlike the real serializer, any key starting with `$` (in a
 * condition or inside a compared value) is rejected: such keys can only come from untrusted
 * input (`{ password: { $ne: '' } }` arriving from a client) and must never act as operators.
 */
import { LocalCloudError, ErrCode } from '../errors';
import { isPlainObject, type AnyObject } from '../util';
import {
  isDbRegExp, isLogicCommand, isQueryCommand, isServerDate, isUpdateCommand,
  type LogicCommand, type QueryCommand,
} from './commands';

export type MongoQuery = AnyObject;

const MONGO_OP: Record<string, string> = {
  eq: '$eq', neq: '$ne', gt: '$gt', gte: '$gte', lt: '$lt', lte: '$lte',
  in: '$in', nin: '$nin', all: '$all', exists: '$exists', size: '$size', mod: '$mod', elemMatch: '$elemMatch',
};

function invalid(detail: string): LocalCloudError {
  return new LocalCloudError(ErrCode.INVALID_PARAM, detail);
}

export function assertFieldName(key: string, where: string): void {
  if (key.startsWith('$') || key.split('.').some((seg) => seg.startsWith('$') || seg === '')) {
    throw invalid(`invalid field name "${key}" in ${where}: names starting with "$" or empty path segments are not allowed`);
  }
}

/** Translates a top-level condition: a plain object or a logic command such as `_.or([...])`. */
export function translateWhere(cond: unknown, now: number): MongoQuery {
  if (isLogicCommand(cond)) return translateTopLogic(cond, now);
  if (!isPlainObject(cond)) throw invalid('where() condition must be an object');
  const clauses: MongoQuery[] = [];
  walkCondition(cond, '', clauses, now);
  if (clauses.length === 0) return {};
  return clauses.length === 1 ? clauses[0] : { $and: clauses };
}

function translateTopLogic(cmd: LogicCommand, now: number): MongoQuery {
  if (cmd.operator === 'not') throw invalid('_.not() must be applied to a field');
  return { [`$${cmd.operator}`]: cmd.operands.map((o) => translateWhere(o, now)) };
}

function walkCondition(obj: AnyObject, prefix: string, out: MongoQuery[], now: number): void {
  for (const [key, val] of Object.entries(obj)) {
    assertFieldName(key, 'where()');
    const path = prefix ? `${prefix}.${key}` : key;
    if (val === undefined) continue; // dropped by the real SDK's serializer too
    if (isQueryCommand(val) || isLogicCommand(val)) {
      out.push(fieldCondition(path, val, now));
    } else if (isUpdateCommand(val)) {
      throw invalid(`update command used in where() at "${path}"`);
    } else if (isPlainObject(val)) {
      // An empty object adds no constraint, exactly like the real flattening serializer. One whose
      // values are all undefined would silently match everything: refused (stricter than WeChat).
      const keys = Object.keys(val);
      if (keys.length && keys.every((k) => val[k] === undefined)) {
        throw invalid(`where() condition at "${path}" has only undefined values (it would match every record)`);
      }
      walkCondition(val, path, out, now);
    } else if (val instanceof RegExp || isDbRegExp(val)) {
      // A regular expression as a field value is a pattern match, not equality with a regex.
      out.push({ [path]: { $regex: queryValue(val, now, path) } });
    } else {
      out.push({ [path]: { $eq: queryValue(val, now, path) } });
    }
  }
}

/** Condition on one field from a query or logic command. */
function fieldCondition(path: string, cmd: QueryCommand | LogicCommand, now: number): MongoQuery {
  if (isQueryCommand(cmd)) return { [path]: operatorExpr(cmd, now) };
  if (cmd.operator === 'not') {
    const inner = cmd.operands[0];
    if (!isQueryCommand(inner) && !isLogicCommand(inner)) throw invalid(`_.not() at "${path}" needs a query command`);
    return { [path]: { $not: mergedOperatorExpr(inner, now) } };
  }
  const parts = cmd.operands.map((o): MongoQuery => {
    if (isQueryCommand(o) || isLogicCommand(o)) return fieldCondition(path, o, now);
    if (isPlainObject(o)) return translateWhere(prefixKeys(o, path), now);
    return { [path]: { $eq: queryValue(o, now, path) } };
  });
  return { [`$${cmd.operator}`]: parts };
}

function prefixKeys(o: AnyObject, path: string): AnyObject {
  const out: AnyObject = {};
  for (const [k, v] of Object.entries(o)) {
    assertFieldName(k, 'where()');
    out[`${path}.${k}`] = v;
  }
  return out;
}

/** A single Mongo operator object such as `{ $gt: 1 }`. */
function operatorExpr(cmd: QueryCommand, now: number): AnyObject {
  const op = MONGO_OP[cmd.operator];
  const v = cmd.operand;
  switch (cmd.operator) {
    case 'in':
    case 'nin':
    case 'all':
      if (!Array.isArray(v)) throw invalid(`_.${cmd.operator}() needs an array`);
      return { [op]: v.map((x) => queryValue(x, now, cmd.operator)) };
    case 'exists':
      return { $exists: Boolean(v) };
    case 'size':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalid('_.size() needs a non-negative integer');
      return { $size: v };
    case 'mod':
      return { $mod: v };
    case 'elemMatch':
      // Arrays of objects: `_.elemMatch({ a: 1 })`; arrays of scalars: `_.elemMatch(_.gt(5))`.
      if (isQueryCommand(v) || isLogicCommand(v)) return { $elemMatch: mergedOperatorExpr(v, now) };
      return { $elemMatch: translateWhere(v, now) };
    default:
      return { [op]: queryValue(v, now, cmd.operator) };
  }
}

/** `_.gt(1).and(_.lt(5))` as one operator object `{ $gt: 1, $lt: 5 }` (needed inside $not / scalar $elemMatch). */
function mergedOperatorExpr(cmd: QueryCommand | LogicCommand, now: number): AnyObject {
  if (isQueryCommand(cmd)) return operatorExpr(cmd, now);
  if (cmd.operator !== 'and') throw invalid(`_.${cmd.operator}() cannot be used inside _.not() or a scalar _.elemMatch()`);
  const merged: AnyObject = {};
  for (const o of cmd.operands) {
    if (!isQueryCommand(o) && !isLogicCommand(o)) throw invalid('expected query commands');
    for (const [k, v] of Object.entries(mergedOperatorExpr(o, now))) {
      if (k in merged) throw invalid(`operator ${k} repeated`);
      merged[k] = v;
    }
  }
  return merged;
}

/** A value compared against stored data: resolves serverDate / db.RegExp and rejects `$` keys anywhere inside. */
export function queryValue(v: unknown, now: number, at: string): unknown {
  if (isServerDate(v)) return v.resolve(now);
  if (isDbRegExp(v)) return v.toRegExp();
  if (isQueryCommand(v) || isLogicCommand(v) || isUpdateCommand(v)) throw invalid(`unexpected command inside a value at "${at}"`);
  if (Array.isArray(v)) return v.map((x) => queryValue(x, now, at));
  if (isPlainObject(v)) {
    const out: AnyObject = {};
    for (const [k, x] of Object.entries(v)) {
      assertFieldName(k, `value at "${at}"`);
      out[k] = queryValue(x, now, at);
    }
    return out;
  }
  return v;
}

/** `_id` when the condition pins a single document by a plain string id (lets queries skip a full scan). */
export function pinnedId(cond: unknown): string | undefined {
  if (!isPlainObject(cond)) return undefined;
  const id = cond._id;
  return typeof id === 'string' ? id : undefined;
}

/** Does a translated query contain a regular expression anywhere (so matching needs the regex time budget)? */
export function containsRegExp(q: unknown): boolean {
  const stack: unknown[] = [q];
  while (stack.length) {
    const v = stack.pop();
    if (v instanceof RegExp) return true;
    if (v !== null && typeof v === 'object') for (const x of Object.values(v as AnyObject)) stack.push(x);
  }
  return false;
}
