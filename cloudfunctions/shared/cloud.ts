/**
 * The one place a cloud function touches wx-server-sdk. On WeChat this is the real SDK; locally
 * and in tests the module resolver points 'wx-server-sdk' at our local cloud, so nothing here
 * knows which it is. The interfaces below name the promise-style subset we use (the SDK's own
 * typings mix in callback overloads).
 */
import cloud = require('wx-server-sdk');

export type Doc = Record<string, any> & { _id?: string };

export interface Query<T = Doc> {
  where(condition: Record<string, unknown>): Query<T>;
  orderBy(field: string, order: 'asc' | 'desc'): Query<T>;
  skip(n: number): Query<T>;
  limit(n: number): Query<T>;
  field(projection: Record<string, boolean>): Query<T>;
  get(): Promise<{ data: T[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface DocRef<T = Doc> {
  get(): Promise<{ data: T }>;
  set(options: { data: Record<string, unknown> }): Promise<{ _id: string; stats: { updated: number; created: number } }>;
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface Collection<T = Doc> extends Query<T> {
  add(options: { data: Record<string, unknown> }): Promise<{ _id: string }>;
  doc(id: string): DocRef<T>;
}

export interface Transaction {
  collection<T = Doc>(name: string): { doc(id: string): DocRef<T> };
  rollback(reason?: unknown): Promise<void>;
}

export interface Database {
  collection<T = Doc>(name: string): Collection<T>;
  command: any;
  serverDate(options?: { offset?: number }): unknown;
  runTransaction<R>(fn: (t: Transaction) => Promise<R>): Promise<R>;
}

let initialised = false;

export function getCloud(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return cloud;
}

export function getDb(): Database {
  return getCloud().database() as unknown as Database;
}

/** Caller identity. Only WeChat (or the local cloud's gateway) sets it; client data never does. */
export function callerOpenid(): string {
  return getCloud().getWXContext().OPENID ?? '';
}
