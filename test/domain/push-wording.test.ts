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
