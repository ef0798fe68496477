/** consult × 好差评, pure: which open case a complaint is offered to rate. */
import type { PendingRating } from '../../core/evaluation/api';
import { openForRating } from '../../core/evaluation/pending';
import { DEFAULT_SETTINGS, type RatingTarget } from '../../core/evaluation/model';
import { RATE_OFFER_TEXT, rateOfferFor } from '../../core/consult/rate-offer';

const pending = (targetId: string, title: string, endedAt: string): PendingRating =>
  ({ targetType: 'application', targetId, title, endedAt, expiresAt: endedAt });

describe('rateOfferFor', () => {
  const open = [pending('a', '居民身份证补领', '2026-12-01T02:00:00.000Z'), pending('b', '社会保障卡申领', '2026-12-03T02:00:00.000Z')];

  it('offers the case the message names, else the one that ended last; nothing when none is open', () => {
    expect(rateOfferFor('办身份证时窗口态度很差', open)).toMatchObject({ targetId: 'a', text: RATE_OFFER_TEXT, link: expect.stringContaining('targetId=a') });
    expect(rateOfferFor('窗口态度很差，爱答不理', open)).toMatchObject({ targetId: 'b' });
    expect(rateOfferFor('窗口态度很差', [])).toBeNull();
  });
});

describe('openForRating (evaluation.pending and the offer share it)', () => {
  const target = (targetId: string, endedAt: string | null): RatingTarget => ({ targetType: 'booking', targetId, ownerOpenid: 'o', targetNo: 'n', title: 't', endedAt });
  it('keeps ended, unrated targets inside the window, closing soonest first', () => {
    const now = '2026-12-10T00:00:00.000Z';
    const out = openForRating([target('late', '2026-12-09T00:00:00.000Z'), target('early', '2026-12-01T00:00:00.000Z'), target('open', null), target('old', '2026-11-01T00:00:00.000Z'), target('rated', '2026-12-05T00:00:00.000Z')],
      new Set(['R:booking:rated']), now, DEFAULT_SETTINGS);
    expect(out.map((p) => p.targetId)).toEqual(['early', 'late']);
    expect(out[0].expiresAt).toBe('2026-12-16T00:00:00.000Z');
  });
});
