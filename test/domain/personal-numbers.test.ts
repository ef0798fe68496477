import { findPersonalNumbers, maskPersonalNumbers } from '../../core/consult/personal-numbers';
import { mapEvent } from '../../core/push/events';

describe('personal numbers in free text', () => {
  it('finds ID numbers (even mistyped in the check digit) and mobile numbers, as typed', () => {
    expect(maskPersonalNumbers('110105194912310021')).toBe('110105********0021');
    expect(findPersonalNumbers('身份证11010519491231002x，电话138-1234-5678').map((n) => n.kind)).toEqual(['idNumber', 'phone']);
    expect(maskPersonalNumbers('我的手机是13812345678。')).toBe('我的手机是138****5678。');
    expect(maskPersonalNumbers('11010519491231002X')).toBe('110105********002X');
  });

  it('leaves other numbers alone', () => {
    expect(maskPersonalNumbers('办件编号20250101123456789012')).toBe('办件编号20250101123456789012');
    expect(maskPersonalNumbers('座机0571-88888888')).toBe('座机0571-88888888');
    expect(maskPersonalNumbers('编号990105194913310021')).toBe('编号990105194913310021'); // no real birth date
  });
});

it('a consultation reply push never carries an ID or mobile number', () => {
  const out = mapEvent({
    _id: 'e1', type: 'consultReply', openid: 'o', at: '2026-03-04T01:00:00Z', status: 'pending', page: 'p',
    conversationId: 'c', questionId: 'q', question: '身份证11010519491231002X怎么办', reply: '请致电13812345678',
  } as never);
  expect(JSON.stringify(out)).not.toMatch(/11010519491231002X|13812345678/);
});
