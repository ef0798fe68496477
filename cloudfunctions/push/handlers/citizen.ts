/** Citizen-facing actions: templates, subscribe (ledger), settings per category, opens, kick. */
import { z } from '../../../core/zod-zh';
import { DomainError } from '../../../core/envelope';
import { action, noParams } from '../../shared/router';
import { getCloud } from '../../shared/cloud';
import { transact, txGet } from '../../shared/transaction';
import { loadCatalogue } from '../../../core/push/catalogue';
import { applyResult, emptyEntry, ledgerId, type LedgerEntry } from '../../../core/push/ledger';
import { byTemplateId, CATEGORIES, CATEGORY_LABELS, DEFAULT_ON, type Category } from '../../../core/push/templates';
import type { LedgerView, PushSettingsView, TemplateInfo } from '../../../core/push/api-types';
import { C, _, createIfAbsent, getAll, getById } from '../repo';
import { runDispatch } from '../dispatch';

export const templates = action({
  permission: 'public',
  params: noParams,
  handler: async (): Promise<TemplateInfo[]> =>
    loadCatalogue(process.env).templates.map((t) => ({ key: t.key, templateId: t.templateId, title: t.title, kind: t.kind, category: t.category, fields: t.fields })),
});

async function ledgerOf(openid: string): Promise<LedgerView[]> {
  const cat = loadCatalogue(process.env);
  const rows = await getAll<LedgerEntry & { _id: string }>(C.ledger, { openid: _().eq(openid) }, 500);
  return rows.flatMap((r) => {
    const t = byTemplateId(cat, r.templateId);
    if (!t) return [];
    return [{ templateId: r.templateId, templateKey: t.key, title: t.title, category: t.category, kind: t.kind, quota: r.quota, long: r.long, ...(r.last ? { last: r.last } : {}) }];
  });
}

const resultSchema = z.enum(['accept', 'reject', 'ban', 'filter']);

export const subscribe = action({
  permission: 'signed-in',
  params: z.object({ results: z.record(z.string().min(1).max(128), resultSchema) }).strict()
    .refine((p) => Object.keys(p.results).length >= 1 && Object.keys(p.results).length <= 5, { message: '每次订阅 1 至 5 个模板' }),
  handler: async ({ results }, { actor }): Promise<LedgerView[]> => {
    const cat = loadCatalogue(process.env);
    const unionid = getCloud().getWXContext().UNIONID;
    for (const templateId of Object.keys(results)) {
      const t = byTemplateId(cat, templateId);
      if (!t) throw new DomainError('INVALID_INPUT', `模板 ${templateId} 不在本市的模板目录中`);
    }
    for (const [templateId, result] of Object.entries(results)) {
      const t = byTemplateId(cat, templateId)!;
      const id = ledgerId(actor.openid, templateId);
      const at = new Date().toISOString();
      // Read-modify-write in a transaction: dialogs answered at once all count.
      await transact(async (tx) => {
        const cur = await txGet<LedgerEntry>(tx, C.ledger, id);
        const base = cur ?? emptyEntry(actor.openid, templateId, t.key, t.kind, at);
        const next = applyResult({ ...base, kind: t.kind }, result, at);
        const { _id, ...body } = next as LedgerEntry & { _id?: string };
        void _id;
        await tx.collection(C.ledger).doc(id).set({ data: { ...body, category: t.category, ...(unionid ? { unionid } : {}) } });
      });
    }
    return ledgerOf(actor.openid);
  },
});

async function settingsOf(openid: string): Promise<PushSettingsView> {
  const s = await getById<{ off?: string[] }>(C.settings, openid);
  const off = s?.off ?? [];
  return {
    categories: CATEGORIES.map((c) => ({ category: c, label: CATEGORY_LABELS[c], on: DEFAULT_ON[c] && !off.includes(c) })),
    subscriptions: await ledgerOf(openid),
  };
}

export const settings = action({
  permission: 'signed-in',
  params: noParams,
  handler: async (_p, { actor }) => settingsOf(actor.openid),
});

export const setCategory = action({
  permission: 'signed-in',
  params: z.object({ category: z.enum(CATEGORIES), on: z.boolean() }).strict(),
  handler: async ({ category, on }, { actor }) => {
    const unionid = getCloud().getWXContext().UNIONID;
    // Read-modify-write in a transaction: toggles of other categories sent at once are kept.
    await transact(async (tx) => {
      const cur = await txGet<{ off?: string[] }>(tx, C.settings, actor.openid);
      const off = new Set(cur?.off ?? []);
      if (on) off.delete(category);
      else off.add(category as Category);
      await tx.collection(C.settings).doc(actor.openid).set({ data: { off: [...off], updatedAt: new Date().toISOString(), ...(unionid ? { unionid } : {}) } });
    });
    return settingsOf(actor.openid);
  },
});

export const open = action({
  permission: 'citizen:own',
  params: z.object({ pushId: z.string().min(3).max(300) }).strict(),
  // Only the message's own recipient can record its open; anyone else learns nothing.
  authorize: async ({ pushId }) => {
    const d = await getById<{ openid: string; campaignId?: string }>(C.deliveries, pushId);
    return d ? { resource: { ownerOpenid: d.openid }, entity: d } : null;
  },
  handler: async ({ pushId }, { actor, entity }) => {
    // Only the first open counts; any other failure is a real error.
    const recorded = await createIfAbsent(C.opens, { _id: pushId, campaignId: entity.campaignId ?? null, openid: actor.openid, at: new Date().toISOString() });
    return { recorded };
  },
});

/**
 * A kick after an event is written: anyone may ask, because a kick only makes due *event* work
 * happen sooner (no broadcast traffic, nothing the caller chooses) within this invocation's budget.
 */
export const kick = action({
  permission: 'public',
  params: noParams,
  handler: async (_p, { remainingMs }) => runDispatch({ remainingMs, mode: 'events' }),
});
