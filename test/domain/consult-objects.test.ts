/** Service-object lexicon (core/consult/objects.ts): what a message asks about, not its context. */
import { actionsIn, objectsIn } from '../../core/consult/objects';
import { colloquial, fold } from '../../core/text';

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

  it('things asked about in everyday words: 退下来 is 退休, 被拍 is 违章, 电工证 a 技能证书, 应急的证 a 临时身份证', () => {
    expect(objectsIn('明年到岁数了退下来要办啥').has('退休')).toBe(true);
    expect(objectsIn('怕路口被拍了怎么查').has('违章')).toBe(true);
    expect(objectsIn('考了个电工证能领钱吗').has('技能补贴')).toBe(true);
    expect(objectsIn('有没有能先应急的证件').has('临时身份证')).toBe(true);
    expect(objectsIn('开车用的那个证件找不到了').has('驾驶证')).toBe(true);
    expect(objectsIn('二手房怎么过户').has('不动产')).toBe(true);
    expect(actionsIn('二手房怎么过户').has('过户')).toBe(true);
    // 退休金 stays the pension (the longer form wins), not the act of retiring.
    expect([...objectsIn('退休金什么时候发')]).toEqual(['养老金']);
  });

  it('moving a 户口 here is 迁入 even with words between (户口也弄过来), not a 转移 of funds', () => {
    const read = (t: string) => actionsIn(colloquial(fold(t)));
    expect(read('想把户口也弄过来').has('迁入')).toBe(true);
    expect(read('户籍关系从外省迁过来').has('迁入')).toBe(true);
    expect(read('公积金怎么弄过来').has('迁入')).toBe(false);
    // Not across a clause: 户口在老家，社保转过来 moves 社保.
    expect(read('户口在老家，社保怎么转过来').has('迁入')).toBe(false);
  });

  it('a loan is a thing; repaying it early is another procedure on it than taking it out', () => {
    expect(objectsIn('公积金贷款想提前还一部分').has('贷款')).toBe(true);
    expect(actionsIn('公积金贷款想提前还一部分').has('还款')).toBe(true);
    expect(actionsIn('还款日能不能改到发工资以后').has('变更')).toBe(true);
  });
});
