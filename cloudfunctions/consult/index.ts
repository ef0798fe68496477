/** 智能咨询. Routes only; handlers live beside it. Platform entries: 服务号 over HTTP access, customer-service message push. */
import { createRouter } from '../shared/router';
import { labelsFrom } from '../../core/zod-zh';
import { KB_FIELD_LABELS } from '../../core/consult/kb';
import { ask, feedback, history } from './handlers/citizen';
import { deleteEntry, importKnowledge, kbHistory, knowledge, rollback, saveEntry } from './handlers/knowledge';
import { inbox, learn, reply, revealQuestion, stats } from './handlers/inbox';
import { inboxRecord } from './handlers/record';
import { kfEntry } from './channels/kf';
import { httpFallback, oaEntry } from './channels/oa';

/** Every action this function answers, each with its params schema and permission. */
export const actions = {
  ask, history, feedback,
  importKnowledge, knowledge, saveEntry, deleteEntry, kbHistory, rollback,
  inbox, reply, revealQuestion, inboxRecord, learn, stats,
};

const LABELS: Record<string, string> = {
  ...KB_FIELD_LABELS,
  // `text` is the citizen's question in ask and the agent's answer in reply: a label true of both.
  text: '消息内容', conversationId: '对话编号', handoff: '转人工', messageId: '消息编号', helpful: '是否有帮助', kb: '知识库', mode: '方式',
  kind: '类型', entry: '条目', groups: '同义词组', status: '状态', questionId: '提问编号', faqId: '问答编号', days: '统计天数',
};

/** The router over a clock: WeChat runs it on the system clock; tests pass their own. */
export function consultRouter(clock?: () => Date) {
  return createRouter('consult', actions, { entries: [oaEntry, httpFallback, kfEntry], labels: labelsFrom(LABELS), clock });
}

export const main = consultRouter();
