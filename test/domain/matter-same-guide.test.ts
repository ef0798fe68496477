import { sameGuide } from '../../core/matter/same-guide';
import { matterSchema, type Matter } from '../../core/matter/schema';
import { makeMatter } from '../fixtures/matter-factory';

const guide = matterSchema.parse(makeMatter({ name: '居民身份证补领' }));
/** As read back from the database: bookkeeping added, keys in another order, undefined keys gone. */
const stored = JSON.parse(JSON.stringify({ updatedAt: '2026-03-01T00:00:00.000Z', catalogueVersion: 'v1', ...guide, _id: guide.implementationCode })) as Matter;

describe('sameGuide', () => {
  it('ignores bookkeeping, key order and undefined keys', () => {
    const reordered = Object.fromEntries(Object.entries(guide).reverse()) as typeof guide;
    expect(sameGuide(stored, reordered)).toBe(true);
    // The fixture has no 时限说明: an explicit undefined is the same as the key left out.
    expect(sameGuide(stored, { ...guide, timeLimit: { ...guide.timeLimit, note: undefined } })).toBe(true);
    expect(sameGuide(stored, { ...guide, timeLimit: { ...guide.timeLimit, note: '不含公告时间' } })).toBe(false);
  });

  it('sees any change of content, however deep', () => {
    expect(sameGuide(stored, { ...guide, name: '居民身份证换领' })).toBe(false);
    // Order inside a list is content (keywords, materials are shown in file order).
    expect(sameGuide(stored, { ...guide, keywords: [...guide.keywords].reverse() })).toBe(false);
    expect(sameGuide(stored, { ...guide, materials: guide.materials.map((m, i) => (i === 0 ? { ...m, copies: m.copies + 1 } : m)) })).toBe(false);
    expect(sameGuide(stored, { ...guide, contact: { ...guide.contact, consultPhone: '0571-12345678' } })).toBe(false);
    expect(sameGuide(stored, { ...guide, fees: { ...guide.fees, onlinePayment: false } })).toBe(false);
  });

  it('does not ignore a field called updatedAt below the top', () => {
    const faqs = [{ question: '多久？', answer: '当场。' }];
    expect(sameGuide({ ...stored, faqs }, { ...guide, faqs: [{ ...faqs[0], updatedAt: 'x' } as never] })).toBe(false);
  });
});
