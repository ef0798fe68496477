/** Push wording: a 补正 resubmission, a resumption, and results of matters that are not 行政许可. */
import type { ApplicationStatusEvent } from '../../core/events/outbox';
import { mapEvent } from '../../core/push/events';
import { statusEvent } from '../../core/affairs/view';
import type { ApplicationDoc } from '../../core/affairs/model';

const base: ApplicationStatusEvent = {
  _id: 'applicationStatus:a1:3', type: 'applicationStatus', openid: 'c1', at: '2025-03-04T01:05:00Z', status: 'pending',
  page: 'packages/affairs/pages/detail/index?id=a1', applicationId: 'a1', applicationNo: 'BJ20250304000001',
  matterId: 'm1', matterName: '居民身份证补领', applicationStatus: 'accepted', departmentName: '示例市公安局', dueDate: '2025-03-11',
};
const phrase = (e: Partial<ApplicationStatusEvent>) => {
  const m = mapEvent({ ...base, ...e } as ApplicationStatusEvent);
  if (!('push' in m)) throw new Error(`skipped: ${'skip' in m ? m.skip : 'not a template push'}`);
  return m.push.raw.phrase3;
};

describe('application status wording', () => {
  it('a 补正 resubmission says 已提交补正, not a second 已受理', () => {
    expect(phrase({ applicationStatus: 'accepted' })).toBe('已受理');
    expect(phrase({ applicationStatus: 'accepted', transition: 'supplement' })).toBe('已提交补正');
    expect(phrase({ applicationStatus: 'submitted', transition: 'supplement' })).toBe('已提交补正');
    expect(phrase({ applicationStatus: 'accepted', transition: 'resume' })).toBe('已恢复');
  });

  it('says 准予许可 / 不予许可 only for 行政许可', () => {
    expect(phrase({ applicationStatus: 'completed', result: '准予', matterType: '行政许可' })).toBe('准予许可');
    expect(phrase({ applicationStatus: 'completed', result: '不予', matterType: '行政许可' })).toBe('不予许可');
    expect(phrase({ applicationStatus: 'completed', result: '准予', matterType: '行政确认' })).toBe('已办结');
    expect(phrase({ applicationStatus: 'completed', result: '不予', matterType: '公共服务' })).toBe('不予办理');
    // Events written before the matter type was recorded: the neutral words.
    expect(phrase({ applicationStatus: 'completed', result: '准予' })).toBe('已办结');
  });

  it('the affairs event carries the transition and the matter type', () => {
    const app = {
      _id: 'a1', no: 'BJ20250304000001', openid: 'c1', matterId: 'm1', matterName: '居民身份证补领', matterType: '行政确认',
      department: 'psb', departmentName: '示例市公安局', status: 'accepted', version: 4, updatedAt: '2025-03-04T01:05:00Z',
      timeline: [{ seq: 4, at: '2025-03-04T01:05:00Z', action: 'supplement', status: 'accepted', by: '申请人' }],
    } as unknown as ApplicationDoc;
    expect(statusEvent(app)).toMatchObject({ transition: 'supplement', matterType: '行政确认', applicationStatus: 'accepted' });
  });
});

describe('payment wording', () => {
  const bill = (change: 'issued' | 'expiring' | 'paid' | 'refunded', amountFen: number, dueAt?: string) => {
    const m = mapEvent({
      _id: `payment:P1:${change}-1`, type: 'payment', openid: 'c1', at: '2026-12-07T02:00:00Z', status: 'pending', page: 'packages/pay/pages/bill/index?id=P1',
      billId: 'P1', applicationNo: 'BJ20261207000001', matterName: '普通护照签发', change, amountFen, ...(dueAt ? { dueAt } : {}),
    } as never);
    if (!('push' in m)) throw new Error('skipped');
    return m.push.raw;
  };

  it('a due note keeps the whole Beijing deadline within thing5\'s 20 characters, even for large amounts', () => {
    expect(bill('issued', 12000, '2026-12-14T02:00:00Z')).toMatchObject({ phrase3: '待缴费', thing5: '120元，12月14日10:00前缴纳' });
    expect(bill('expiring', 2050, '2026-12-31T15:59:00Z')).toMatchObject({ phrase3: '缴费将到期', thing5: '20.50元，12月31日23:59前' });
    expect(bill('expiring', 800, '2026-03-05T01:00:00Z')).toMatchObject({ thing5: '8元，3月5日09:00前缴纳' });
    for (const fen of [1, 2050, 12000, 999999, 12345678]) {
      const note = bill('expiring', fen, '2026-12-31T15:59:00Z').thing5!;
      expect(note.length).toBeLessThanOrEqual(20);
      expect(note).toContain('12月31日23:59前');
    }
  });

  it('paid and refunded say what happened and how much', () => {
    expect(bill('paid', 12000)).toMatchObject({ phrase3: '已缴费', thing5: '已缴费120元' });
    expect(bill('refunded', 500)).toMatchObject({ phrase3: '已退费', thing5: '已退费5元' });
  });
});
