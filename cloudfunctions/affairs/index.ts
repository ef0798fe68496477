/** 在线申办与办件. Routes only; handlers live beside it. */
import { createRouter } from '../shared/router';
import { bundleForm, getDraft, mine, myMaterials, saveDraft, submit, submitBundle, supplement, withdraw } from './handlers/citizen';
import { act, get, lookup, queue, reveal } from './handlers/staff';
import { calendar, removeCalendarDay, setCalendarDays } from './handlers/calendar';
import { affairsLabel } from './handlers/schemas';

/** Every action this function answers, each with its params schema and permission. */
export const actions = {
  saveDraft, getDraft, submit, submitBundle, bundleForm, get, mine, queue, act, supplement, withdraw, reveal, lookup, myMaterials,
  calendar, setCalendarDays, removeCalendarDay,
};

export const main = createRouter('affairs', actions, { labels: affairsLabel });
