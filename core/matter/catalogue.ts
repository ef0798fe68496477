/** Catalogue overviews computed from the matters themselves, so counts can never drift. */
import type { CatalogueHome, NamedCount } from '../api';
import type { Matter } from './schema';
import { LIFE_EVENTS, THEMES } from './taxonomy';

export function catalogueHome(matters: Matter[]): CatalogueHome {
  const active = matters.filter((m) => m.status === '在用');
  const departments = new Map<string, NamedCount>();
  for (const m of active) {
    const d = departments.get(m.department.code) ?? { id: m.department.code, name: m.department.name, count: 0 };
    d.count += 1;
    departments.set(m.department.code, d);
  }
  return {
    departments: [...departments.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh')),
    themes: THEMES.map((t) => ({ id: t, name: t, count: active.filter((m) => m.themes.includes(t)).length })),
    lifeEvents: LIFE_EVENTS.map((e) => ({
      id: e.id, name: e.name, description: e.description,
      count: active.filter((m) => m.lifeEvents.includes(e.id)).length,
    })),
    totals: {
      matters: active.length,
      zeroVisit: active.filter((m) => m.channels.onsiteVisits === 0).length,
      fullyOnline: active.filter((m) => m.channels.onlineDepth === 4).length,
    },
  };
}

export function listTitle(by: 'department' | 'theme' | 'lifeEvent', value: string, matters: Matter[]): string {
  if (by === 'theme') return `${value}主题服务`;
  if (by === 'lifeEvent') return LIFE_EVENTS.find((e) => e.id === value)?.name ?? value;
  return matters.find((m) => m.department.code === value)?.department.name ?? value;
}
