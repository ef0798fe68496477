/** Which messages ask about the caller's own case or booking, and which record answers them. */
import { personalAskOf, personalReply, type ApplicationRow } from '../../core/consult/assistant';

describe('personalAskOf', () => {
  it.each([
    ['我的社保卡办到哪一步了', 'application'],
    ['我上周提交的公积金提取批了没', 'application'],
    ['我约的是几点', 'booking'],
    ['我预约的是哪天来着', 'booking'],
    ['BJ20261201000001 进度怎么样了', 'application'],
  ])('%s → %s', (text, about) => expect(personalAskOf(text)?.about).toBe(about));

  it.each(['社保卡办理进度怎么查', '我想预约办身份证', '怎么预约', '护照怎么办'])('%s → not personal', (text) => {
    expect(personalAskOf(text)).toBeNull();
  });
});

describe('personalReply', () => {
  const app = (id: string, matterName: string, status: ApplicationRow['status']): ApplicationRow => ({
    _id: id, no: `BJ2026120100000${id.slice(-1)}`, openid: 'me', matterName, status, updatedAt: '2026-12-01T00:00:00Z', departmentName: '市人社局',
  });
  const apps = [app('a1', '公积金提取', 'accepted'), app('a2', '社会保障卡申领', 'submitted')];

  it('picks the record the message names', () => {
    const r = personalReply({ about: 'application' }, '我的社保卡到哪一步了', apps, [], '2026-12-07T00:00:00Z')!;
    expect(r.cards.map((c) => c.id)).toEqual(['a2']);
  });

  it('a number among none of the caller\'s records finds nothing and names no record', () => {
    const r = personalReply({ about: 'application', number: 'BJ20261201000009' }, '', apps, [], '2026-12-07T00:00:00Z')!;
    expect(r.cards).toEqual([]);
    expect(r.text).not.toMatch(/公积金|社会保障卡/);
  });

  it('none of that kind → null (the inbox)', () => {
    expect(personalReply({ about: 'booking' }, '我约的是几点', apps, [], '2026-12-07T00:00:00Z')).toBeNull();
  });
});
