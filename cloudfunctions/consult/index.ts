/** 智能咨询. Routes only; handlers live beside it. Platform entries: 服务号 over HTTP access, customer-service message push. */
import { createRouter } from '../shared/router';
import { ask, feedback, history } from './handlers/citizen';
import { deleteEntry, importKnowledge, kbHistory, knowledge, rollback, saveEntry } from './handlers/knowledge';
import { inbox, learn, reply, stats } from './handlers/inbox';
import { kfEntry } from './channels/kf';
import { httpFallback, oaEntry } from './channels/oa';

export const main = createRouter('consult', {
  ask, history, feedback,
  importKnowledge, knowledge, saveEntry, deleteEntry, kbHistory, rollback,
  inbox, reply, learn, stats,
}, { entries: [oaEntry, httpFallback, kfEntry] });
