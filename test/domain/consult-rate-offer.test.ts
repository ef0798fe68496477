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

describe('rateOfferFor: only a case that fits what the complaint names', () => {
  const withDept = (targetId: string, title: string, departmentName: string, endedAt: string, targetType: PendingRating['targetType'] = 'application') =>
    ({ ...pending(targetId, title, endedAt), targetType, departmentName });
  const visa = withDept('visa', '往来港澳通行证再次签注', '示例市公安局出入境管理支队', '2026-12-05T02:00:00.000Z');
  const idCard = withDept('id', '居民身份证补领', '示例市公安局', '2026-12-01T02:00:00.000Z');
  const pension = withDept('fund', '住房公积金提取（租赁住房）', '示例市住房公积金管理中心', '2026-12-04T02:00:00.000Z');
  const hukouVisit = withDept('visit', '户口迁入登记（市民中心）', '市民中心', '2026-12-02T02:00:00.000Z', 'booking');
  const COMPLAINT = '户政窗口那个工作人员态度很差，爱答不理的';

  it('户政窗口 is not the 出入境 case: none when only that one is open', () => {
    expect(rateOfferFor(COMPLAINT, [visa])).toBeNull();
    expect(rateOfferFor('公安局户政窗口态度太差了', [visa, pension])).toBeNull();
  });

  it('户政窗口 offers a case or visit of 户政 (身份证, 户口) even when another ended later', () => {
    expect(rateOfferFor(COMPLAINT, [visa, idCard, pension])).toMatchObject({ targetId: 'id' });
    expect(rateOfferFor(COMPLAINT, [visa, hukouVisit])).toMatchObject({ targetId: 'visit' });
  });

  it('department names and matter words fit: 出入境, 公积金中心, 签注', () => {
    expect(rateOfferFor('出入境那边的人态度很差', [idCard, visa, pension])).toMatchObject({ targetId: 'visa' });
    expect(rateOfferFor('公积金中心推来推去的', [idCard, visa, pension])).toMatchObject({ targetId: 'fund' });
    expect(rateOfferFor('办签注的时候被刁难了', [idCard, visa, pension])).toMatchObject({ targetId: 'visa' });
  });

  it('naming nothing identifiable offers the one that ended last; naming what none fits offers none', () => {
    expect(rateOfferFor('你们的服务太差了', [idCard, visa, pension])).toMatchObject({ targetId: 'visa' });
    expect(rateOfferFor('税务局的人态度很差', [idCard, visa, pension])).toBeNull();
    expect(rateOfferFor('办驾驶证的窗口态度很差', [idCard, visa, pension])).toBeNull();
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
