/** Service-object lexicon (core/consult/objects.ts): what a message asks about, not its context. */
import { objectsIn } from '../../core/consult/objects';

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
});
