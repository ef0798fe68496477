/**
 * The objects `db.command` (`_`) builds. They mirror @cloudbase/database's QueryCommand /
 * LogicCommand / UpdateCommand closely enough that the same call chains work
 * (`_.gt(1).and(_.lt(5))`, `_.or([...])`, `_.push({ each, position })`). They are branded
 * with a global symbol instead of relying on `instanceof`, so commands still work if a test
 * harness ends up with two copies of this module.
 */
import { isPlainObject } from '../util';

const BRAND = Symbol.for('local-cloud.db.command');

export type QueryOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'all' | 'elemMatch' | 'exists' | 'size' | 'mod';
export type LogicOp = 'and' | 'or' | 'nor' | 'not';
export type UpdateOp =
  | 'set' | 'remove' | 'inc' | 'mul' | 'min' | 'max' | 'rename'
  | 'push' | 'pull' | 'pullAll' | 'pop' | 'shift' | 'unshift' | 'addToSet';

abstract class Branded {
  abstract readonly kind: 'query' | 'logic' | 'update' | 'serverDate' | 'regexp';
  get [BRAND](): string {
    return this.kind;
  }
}

/** Shared chaining of field-level conditions: `_.gt(1).and(_.lt(5))`, `_.gt(1).or(_.lt(0))`. */
abstract class Chainable extends Branded {
  and(...exprs: unknown[]): LogicCommand {
    return new LogicCommand('and', [this, ...flat(exprs)]);
  }
  or(...exprs: unknown[]): LogicCommand {
    return new LogicCommand('or', [this, ...flat(exprs)]);
  }
  nor(...exprs: unknown[]): LogicCommand {
    return new LogicCommand('nor', [this, ...flat(exprs)]);
  }
  eq(v: unknown): LogicCommand { return this.and(new QueryCommand('eq', v)); }
  neq(v: unknown): LogicCommand { return this.and(new QueryCommand('neq', v)); }
  gt(v: unknown): LogicCommand { return this.and(new QueryCommand('gt', v)); }
  gte(v: unknown): LogicCommand { return this.and(new QueryCommand('gte', v)); }
  lt(v: unknown): LogicCommand { return this.and(new QueryCommand('lt', v)); }
  lte(v: unknown): LogicCommand { return this.and(new QueryCommand('lte', v)); }
  in(v: unknown[]): LogicCommand { return this.and(new QueryCommand('in', v)); }
  nin(v: unknown[]): LogicCommand { return this.and(new QueryCommand('nin', v)); }
  exists(v: boolean): LogicCommand { return this.and(new QueryCommand('exists', v)); }
  size(v: number): LogicCommand { return this.and(new QueryCommand('size', v)); }
  elemMatch(v: unknown): LogicCommand { return this.and(new QueryCommand('elemMatch', v)); }
  all(v: unknown[]): LogicCommand { return this.and(new QueryCommand('all', v)); }
}

export class QueryCommand extends Chainable {
  readonly kind = 'query' as const;
  constructor(readonly operator: QueryOp, readonly operand: unknown) {
    super();
  }
}

export class LogicCommand extends Chainable {
  readonly kind = 'logic' as const;
  constructor(readonly operator: LogicOp, readonly operands: unknown[]) {
    super();
  }
}

export class UpdateCommand extends Branded {
  readonly kind = 'update' as const;
  constructor(readonly operator: UpdateOp, readonly operand?: unknown) {
    super();
  }
}

/** `db.serverDate({ offset })`: becomes the write time (+offset ms) when the write executes. */
export class ServerDate extends Branded {
  readonly kind = 'serverDate' as const;
  constructor(readonly offset = 0) {
    super();
  }
  resolve(now: number): Date {
    return new Date(now + this.offset);
  }
}

/** `db.RegExp({ regexp, options })`. */
export class DbRegExp extends Branded {
  readonly kind = 'regexp' as const;
  constructor(readonly regexp: string, readonly options = '') {
    super();
  }
  toRegExp(): RegExp {
    // Mongo's 'x' (extended) flag has no JS equivalent; anything not valid in JS is rejected.
    if (!/^[imsu]*$/.test(this.options)) throw new Error(`unsupported RegExp options "${this.options}" (use i, m, s, u)`);
    return new RegExp(this.regexp, this.options);
  }
}

function brandOf(v: unknown): string | undefined {
  return v !== null && typeof v === 'object' ? (v as { [BRAND]?: string })[BRAND] : undefined;
}
export const isQueryCommand = (v: unknown): v is QueryCommand => brandOf(v) === 'query';
export const isLogicCommand = (v: unknown): v is LogicCommand => brandOf(v) === 'logic';
export const isUpdateCommand = (v: unknown): v is UpdateCommand => brandOf(v) === 'update';
export const isServerDate = (v: unknown): v is ServerDate => brandOf(v) === 'serverDate';
export const isDbRegExp = (v: unknown): v is DbRegExp => brandOf(v) === 'regexp';
export const isAnyCommand = (v: unknown): boolean => brandOf(v) !== undefined;

/** `_.or([a, b])` and `_.or(a, b)` are both accepted, as in the real SDK. */
function flat(args: unknown[]): unknown[] {
  return args.length === 1 && Array.isArray(args[0]) ? [...(args[0] as unknown[])] : args;
}

export interface PushOptions {
  each: unknown[];
  position?: number;
  slice?: number;
  sort?: 1 | -1 | Record<string, 1 | -1>;
}

export const Command = {
  eq: (v: unknown) => new QueryCommand('eq', v),
  neq: (v: unknown) => new QueryCommand('neq', v),
  gt: (v: unknown) => new QueryCommand('gt', v),
  gte: (v: unknown) => new QueryCommand('gte', v),
  lt: (v: unknown) => new QueryCommand('lt', v),
  lte: (v: unknown) => new QueryCommand('lte', v),
  in: (v: unknown[]) => new QueryCommand('in', v),
  nin: (v: unknown[]) => new QueryCommand('nin', v),
  all: (v: unknown[]) => new QueryCommand('all', v),
  elemMatch: (v: unknown) => new QueryCommand('elemMatch', v),
  exists: (v: boolean) => new QueryCommand('exists', v),
  size: (v: number) => new QueryCommand('size', v),
  mod: (divisor: number | [number, number], remainder?: number) =>
    new QueryCommand('mod', Array.isArray(divisor) ? divisor : [divisor, remainder ?? 0]),
  and: (...exprs: unknown[]) => new LogicCommand('and', flat(exprs)),
  or: (...exprs: unknown[]) => new LogicCommand('or', flat(exprs)),
  nor: (...exprs: unknown[]) => new LogicCommand('nor', flat(exprs)),
  not: (expr: unknown) => new LogicCommand('not', [expr]),

  set: (v: unknown) => new UpdateCommand('set', v),
  remove: () => new UpdateCommand('remove'),
  inc: (n: number) => new UpdateCommand('inc', n),
  mul: (n: number) => new UpdateCommand('mul', n),
  min: (v: unknown) => new UpdateCommand('min', v),
  max: (v: unknown) => new UpdateCommand('max', v),
  rename: (to: string) => new UpdateCommand('rename', to),
  /** `_.push(v)`, `_.push([a, b])`, `_.push(a, b)` or `_.push({ each, position, slice, sort })`. */
  push: (...args: unknown[]) => {
    if (args.length === 1 && isPlainObject(args[0]) && Object.prototype.hasOwnProperty.call(args[0], 'each')) {
      return new UpdateCommand('push', args[0]);
    }
    return new UpdateCommand('push', { each: Array.isArray(args[0]) ? args[0] : args });
  },
  pull: (v: unknown) => new UpdateCommand('pull', v),
  pullAll: (v: unknown[]) => new UpdateCommand('pullAll', v),
  pop: () => new UpdateCommand('pop'),
  shift: () => new UpdateCommand('shift'),
  unshift: (...args: unknown[]) => new UpdateCommand('unshift', Array.isArray(args[0]) ? args[0] : args),
  /** `_.addToSet(v)` or `_.addToSet({ each: [...] })`. */
  addToSet: (v: unknown) => new UpdateCommand('addToSet', v),
};

export type DatabaseCommand = typeof Command;
