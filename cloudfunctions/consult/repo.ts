/**
 * Persistence of 智能咨询: the knowledge base as numbered versions (each a whole, validated
 * snapshot with who/when/what), a pointer to the current version, conversations, messages, the
 * human inbox, feedback, processed platform message ids and the per-openid rate counter.
 */
import * as fs from 'node:fs';
import { buildEngine, type ConsultEngine } from '../../core/consult/engine';
import type { KnowledgeBase } from '../../core/consult/kb';
import { DomainError } from '../../core/envelope';
import { getDb, type Transaction } from '../shared/cloud';
import { transact, txGet } from '../shared/transaction';
import {
  ACCESS_LOGS, APPLICATIONS, BOOKINGS, CONSULT_FEEDBACK, CONSULT_INBOX, CONSULT_MESSAGES, OA_FOLLOWERS, OUTBOX, PUSH_DELIVERIES,
} from '../shared/collections';

export const C = {
  meta: 'consult_meta',
  versions: 'kb_versions',
  conversations: 'consult_conversations',
  messages: CONSULT_MESSAGES,
  inbox: CONSULT_INBOX,
  feedback: CONSULT_FEEDBACK,
  processed: 'consult_processed',
  rate: 'consult_rate',
  followers: OA_FOLLOWERS,
  outbox: OUTBOX,
  accessLogs: ACCESS_LOGS,
} as const;

/** Other functions' records consult reads (never writes): the asking citizen's cases and bookings, beside a question. */
export const READ_ONLY = { applications: APPLICATIONS, bookings: BOOKINGS } as const;

/** The push function's message records: read (never written) to tell an agent how a reply went. */
export { PUSH_DELIVERIES };

const KB_META_ID = 'kb';

export interface KbVersionDoc {
  _id: string;
  version: number;
  kb: KnowledgeBase;
  by: string;
  byName?: string;
  at: string;
  /** 导入（覆盖/合并）, 修改 faq-…, 删除 rule-…, 回滚到第 n 版 … */
  change: string;
}

export const versionId = (v: number) => `v${String(v).padStart(7, '0')}`;

export const EMPTY_KB: KnowledgeBase = { version: 1, faqs: [], rules: [], synonyms: [] };

export async function currentVersion(): Promise<number> {
  const { data } = await getDb().collection(C.meta).where({ _id: KB_META_ID }).limit(1).get();
  return (data[0]?.version as number | undefined) ?? 0;
}

export async function loadVersion(v: number): Promise<KbVersionDoc | null> {
  if (v <= 0) return null;
  const { data } = await getDb().collection<KbVersionDoc>(C.versions).where({ _id: versionId(v) }).limit(1).get();
  return data[0] ?? null;
}

export async function currentKb(): Promise<{ version: number; kb: KnowledgeBase }> {
  const v = await currentVersion();
  const doc = await loadVersion(v);
  return { version: v, kb: doc?.kb ?? EMPTY_KB };
}

/**
 * Writes a new version and moves the pointer with one conditional update, so two editors saving
 * together cannot both win: the loser gets CONFLICT and nothing of theirs becomes current.
 * `alongside` runs first in the same transaction (the inbox item a learn marks): its refusal
 * leaves the knowledge base untouched, and the version cannot land without it.
 */
export async function commitVersion(
  expected: number, kb: KnowledgeBase, by: { openid: string; name?: string }, change: string, at: string,
  alongside?: (t: Transaction) => Promise<void>,
): Promise<number> {
  const next = expected + 1;
  const doc: KbVersionDoc = { _id: versionId(next), version: next, kb: { ...kb, version: next }, by: by.openid, ...(by.name ? { byName: by.name } : {}), at, change };
  return transact(async (t) => {
    if (alongside) await alongside(t);
    if (await txGet(t, C.versions, versionId(next))) throw new DomainError('CONFLICT', '知识库刚被其他人修改，请刷新后重试');
    await t.collection(C.versions).doc(versionId(next)).set({ data: { version: doc.version, kb: doc.kb, by: doc.by, ...(doc.byName ? { byName: doc.byName } : {}), at: doc.at, change: doc.change } as unknown as Record<string, unknown> });
    await t.collection(C.meta).doc(KB_META_ID).set({ data: { version: next, updatedAt: at } });
    return next;
  });
}

let cached: { version: number; engine: ConsultEngine; kb: KnowledgeBase } | null = null;

/** The warm instance keeps its index until the knowledge version changes (learning loop included). */
export async function engineNow(): Promise<{ version: number; engine: ConsultEngine; kb: KnowledgeBase }> {
  const v = await currentVersion();
  if (cached && cached.version === v) return cached;
  const { kb } = await currentKb();
  cached = { version: v, engine: buildEngine(kb), kb };
  return cached;
}

export function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
