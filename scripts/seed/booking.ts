/**
 * 预约 seed: service halls mapped from the catalogue's 办理地点 (seed/matters.json), one group per
 * window, and weekly slot templates, so `slots` offers places on the next working days in a fresh
 * preview. Goes through booking.saveHall / saveTemplate as the admin; re-running overwrites the
 * same documents (idempotent). Slots themselves are never seeded: they come from the templates.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HallInput, TemplateInput } from '../../core/api';
import { REPO_ROOT } from '../lib/repo';
import type { Invoke } from '../lib/boot-local-cloud';

interface SeedMatter {
  implementationCode: string;
  channels: { onsiteVisits: number; appointment: boolean };
  contact: { locations: { name: string; address: string }[] };
}

const CENTER = '示例市政务服务中心';
const HOURS = '周一至周五 9:00-12:00，13:30-17:00（法定节假日除外，调休上班日正常办公）';

/** Windows of the 政务服务中心, by the suffix of the location name. */
const CENTER_WINDOWS: { id: string; suffix: string; capacity: number }[] = [
  { id: 'huzheng', suffix: '公安户政窗口', capacity: 4 },
  { id: 'exit-entry', suffix: '出入境窗口', capacity: 4 },
  { id: 'traffic', suffix: '交警服务窗口', capacity: 3 },
  { id: 'hrss', suffix: '人社综合窗口', capacity: 6 },
  { id: 'medical', suffix: '医保窗口', capacity: 3 },
  { id: 'housing-fund', suffix: '住房公积金窗口', capacity: 3 },
  { id: 'real-estate', suffix: '不动产登记窗口', capacity: 3 },
  { id: 'civil', suffix: '民政窗口', capacity: 2 },
  { id: 'health', suffix: '卫生健康窗口', capacity: 2 },
  { id: 'education', suffix: '教育服务窗口', capacity: 2 },
  { id: 'tax', suffix: '税务窗口', capacity: 4 },
  { id: 'business', suffix: '企业开办专区', capacity: 3 },
];

/** Stand-alone halls: one location name each. */
const OTHER_HALLS: { hallId: string; location: string; group: string; groupName: string; capacity: number; slotMinutes: number }[] = [
  { hallId: 'hall-exit-entry', location: '示例市公安局出入境管理支队办证大厅', group: 'passport', groupName: '出入境证件受理', capacity: 6, slotMinutes: 30 },
  { hallId: 'hall-marriage', location: '示例市婚姻登记处', group: 'marriage', groupName: '婚姻登记窗口', capacity: 3, slotMinutes: 30 },
  { hallId: 'hall-housing-fund', location: '示例市住房公积金管理中心服务大厅', group: 'loans', groupName: '贷款面签窗口', capacity: 2, slotMinutes: 30 },
];

const bookable = (m: SeedMatter) => m.channels.onsiteVisits >= 1 || m.channels.appointment;

export function bookingSeed(matters: SeedMatter[]): { halls: HallInput[]; templates: TemplateInput[] } {
  const serving = (locationName: string) => matters.filter((m) => bookable(m) && m.contact.locations.some((l) => l.name === locationName)).map((m) => m.implementationCode);
  const address = (locationName: string) => matters.flatMap((m) => m.contact.locations).find((l) => l.name === locationName)?.address ?? '';

  const halls: HallInput[] = [];
  const templates: TemplateInput[] = [];
  const centerGroups = CENTER_WINDOWS.map((w) => {
    const name = `${CENTER}${w.suffix}`;
    return { id: w.id, name: w.suffix, location: address(name).replace(/^.*示例市政务服务中心/, ''), matterIds: serving(name), capacity: w.capacity };
  }).filter((g) => g.matterIds.length > 0);
  halls.push({
    hallId: 'hall-center', name: CENTER, address: '示例市新城区政务大道88号', hours: HOURS, active: true,
    groups: centerGroups.map(({ capacity, ...g }) => g),
  });
  for (const g of centerGroups) templates.push({ hallId: 'hall-center', group: g.id, slotMinutes: 30, capacity: g.capacity });

  for (const h of OTHER_HALLS) {
    halls.push({
      hallId: h.hallId, name: h.location, address: address(h.location), hours: HOURS, active: true,
      groups: [{ id: h.group, name: h.groupName, matterIds: serving(h.location) }],
    });
    templates.push({ hallId: h.hallId, group: h.group, slotMinutes: h.slotMinutes, capacity: h.capacity });
  }
  return { halls, templates };
}

export async function seedBooking(invoke: Invoke, admin: string, log: (s: string) => void = console.log): Promise<void> {
  const file = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'seed', 'matters.json'), 'utf8'));
  const { halls, templates } = bookingSeed(Array.isArray(file) ? file : file.matters);
  const must = async (act: string, params: unknown) => {
    const res = (await invoke('booking', { action: act, params }, admin)) as { ok: boolean; code?: string; message?: string };
    if (!res.ok) throw new Error(`booking.${act} 失败：${res.code} ${res.message}`);
  };
  for (const h of halls) await must('saveHall', h);
  for (const t of templates) await must('saveTemplate', t);
  log(`已写入预约服务大厅 ${halls.length} 个、时段模板 ${templates.length} 个`);
}
