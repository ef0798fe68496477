/** Shared setup for the local-cloud conformance suite. */
import { configureLocalCloud, declareCollections, resetLocalCloud, type LocalCloudOptions, type SdkError } from '../../local-cloud';

export type Sdk = typeof import('../../local-cloud/sdk');

/** Loaded through jest's moduleNameMapper exactly the way cloud-function code gets it. */
export const cloud: Sdk = require('wx-server-sdk');

/**
 * Collections the conformance tests use, declared as a function's collections.json would.
 * Anything else (`ghost`, `nope`, ...) answers -502005, as on WeChat.
 */
export const TEST_COLLECTIONS = ['acc', 'apps', 'big', 'c', 'd', 'ev', 'log', 'm', 'many', 'n', 'o', 'people', 'stock', 't', 'u', 'w', 'x'];

/** A fresh in-memory local cloud for every test, with TEST_COLLECTIONS declared. */
export function useMemoryCloud(opts: LocalCloudOptions = {}): void {
  beforeEach(() => {
    resetLocalCloud();
    configureLocalCloud({ dataDir: ':memory:', ...opts });
    declareCollections(TEST_COLLECTIONS);
  });
  afterAll(() => resetLocalCloud());
}

/** Awaits a promise that must reject and returns the rejection (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<SdkError> {
  let value: unknown;
  try {
    value = await p;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
}

export async function seed(name: string, docs: Record<string, unknown>[]): Promise<void> {
  const db = cloud.database();
  for (const d of docs) await db.collection(name).add({ data: d });
}

export async function ids(p: Promise<{ data: Record<string, unknown>[] }>): Promise<string[]> {
  return (await p).data.map((d) => String(d._id));
}
