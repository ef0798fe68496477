/** Service-object lexicon (core/consult/objects.ts): what a message asks about, not its context. */
import { actionsIn, objectsIn } from '../../core/consult/objects';

describe('service objects', () => {
  it('the company is an object when it is registered or closed', () => {
    expect([...objectsIn('开公司要办什么手续')]).toEqual(['公司']);
    expect([...objectsIn('公司注销需要多久')]).toEqual(['公司']);
    expect(objectsIn('注册一家有限公司').has('公司')).toBe(true);
  });

  it('the employer is context: 被公司辞退 asks about 失业, not about a company', () => {
    expect([...objectsIn('被公司辞退了能领失业金吗')]).toEqual(['失业']);
    expect(objectsIn('公司派我去外地工作医保怎么用').has('公司')).toBe(false);
  });

  it('formal and colloquial names of one object or action are one (住房资金 is 公积金, 重新申领 is 补领)', () => {
    expect([...objectsIn('原单位缴存的住房资金能否一次性支取')]).toEqual(['公积金']);
    expect(objectsIn('机动车驾驶资格证件即将届满').has('驾驶证')).toBe(true);
    expect(objectsIn('出国用的本子丢了').has('护照')).toBe(true);
    expect(actionsIn('居民身份证件遗失后如何重新申领').has('补领')).toBe(true);
    expect(actionsIn('驾驶证有效期届满').has('换领')).toBe(true);
  });
});
