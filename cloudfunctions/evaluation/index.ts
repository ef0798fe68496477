/** 好差评: ratings of ended services and 差评工单. Routes only; handlers live beside it. */
import { createRouter } from '../shared/router';
import { followUp, mine, pending, rate } from './handlers/citizen';
import { revealContact, reviewAppeal, ticket, tickets, ticketStep } from './handlers/staff';
import { defaults, overdue } from './handlers/timers';
import { matterSummary, publicity } from './handlers/public';
import { evaluationLabel } from './handlers/schemas';

/** Every action this function answers, each with its params schema and permission. */
export const actions = { pending, rate, mine, followUp, tickets, ticket, ticketStep, revealContact, reviewAppeal, matterSummary, publicity };

export const main = createRouter('evaluation', actions, { labels: evaluationLabel, timers: { defaults, overdue } });
