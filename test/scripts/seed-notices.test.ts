/** Seeded 通知公告 agree with the catalogue and the season the preview is seeded in. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { comingHoliday, seedNotices } from '../../scripts/seed/push';

const matters: { name: string; channels: { onsiteVisits: number; onlineDepth: number } }[] = (() => {
  const d = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/matters.json'), 'utf8'));
  return Array.isArray(d) ? d : d.matters;
})();

it('announces the coming fixed-date holiday, with its year computed from the seed date', () => {
  expect(comingHoliday('2026-12-07')).toEqual({ name: '元旦', date: '2027-01-01' });
  expect(comingHoliday('2027-01-01')).toEqual({ name: '劳动节', date: '2027-05-01' });
  expect(comingHoliday('2027-06-18')).toEqual({ name: '国庆节', date: '2027-10-01' });
  // 2026-12-07 12:00 in Shanghai.
  const december = seedNotices(new Date('2026-12-07T04:00:00Z'));
  expect(december[0].title).toBe('示例市政务服务中心2027年元旦假期政务服务安排');
  // 2026-12-31 17:00 UTC is already 2027-01-01 in Shanghai: the next one is 劳动节 2027.
  expect(seedNotices(new Date('2026-12-31T17:00:00Z'))[0].title).toContain('2027年劳动节');
  expect(JSON.stringify(seedNotices(new Date('2026-12-07T04:00:00Z')))).not.toMatch(/端午|春节/);
});

it('every notice that promises 跑零次 names a matter the catalogue serves with zero visits', () => {
  for (const n of seedNotices()) {
    if (!n.title.includes('跑零次')) continue;
    const named = matters.filter((m) => n.title.includes(m.name.replace(/（.*）$/, '')));
    expect(named.length).toBeGreaterThan(0);
    for (const m of named) expect(m.channels.onsiteVisits).toBe(0);
  }
  expect(seedNotices().some((n) => n.title.includes('跑零次'))).toBe(true);
});
