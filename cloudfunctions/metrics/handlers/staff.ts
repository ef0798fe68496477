/** 效能看板 for staff: figures, trend, department comparison, 差评 funnel, drill-down and CSV. */
import type { Indicator, IndicatorKey, IndicatorRecord } from '../../../core/metrics/api';
import { definitionOf, PLATFORM_WIDE_KEYS, SNAPSHOT_KEYS } from '../../../core/metrics/definitions';
import { ALL, csvOf, indicatorFrom, indicatorsFrom, isPlatformWide, sumRows, type MetricRow } from '../../../core/metrics/rows';
import { addDays, checkRange, granularityOf, monthOf } from '../../../core/metrics/range';
import { departmentScope } from '../../../core/policy';
import { shanghaiDate } from '../../../core/shanghai-time';
import type { TicketDoc } from '../../evaluation/handlers/write';
import { action } from '../../shared/router';
import { _, APPLICATIONS, departmentList, scanRange, TICKETS } from '../repo';
import { OPEN_STATUSES, type ApplicationDoc } from '../../../core/affairs/model';
import { catalogueFigures, publishedCatalogue } from './catalogue';
import { departmentsToRead, rowInScope, rowsInRange, totalsFor } from './read';
import { compareParams, dashboardParams, matterDashboardParams, recordsParams, trendParams } from './schemas';
import { checkMatter, departmentOptions, scopeOf, type Scope } from './scope';
import { areasOfKey, dayStart, sourcedRecords } from './sources';
import { statusVolumeNow } from './status-volume';

export const dashboard = action({
  permission: 'metrics:read',
  params: matterDashboardParams,
  handler: async (p, { actor, now, remainingMs }) => {
    checkRange(p.from, p.to);
    const scope = await scopeOf(actor, p.departmentId, p.matterId);
    const at = now();
    const rows = await rowsInRange(p.from, p.to, departmentsToRead(scope), { now: at, remainingMs, months: true, matter: scope.matter });
    const [totals, departments, statusVolume] = await Promise.all([totalsFor(scope, rows, at), departmentOptions(actor), statusVolumeNow(scope)]);
    return { indicators: indicatorsFrom(totals), departments, computedAt: at.toISOString(), statusVolume };
  },
});

export const trend = action({
  permission: 'metrics:read',
  params: trendParams,
  handler: async (p, { actor, now, remainingMs }) => {
    checkRange(p.from, p.to);
    const scope = await scopeOf(actor, p.departmentId, p.matterId);
    const granularity = granularityOf(p.from, p.to);
    const at = now();
    if ((SNAPSHOT_KEYS as readonly string[]).includes(p.key)) {
      // The catalogue and the open cases exist only as they are now: one point, today.
      const t = await totalsFor(scope, [], at);
      const today = shanghaiDate(at.toISOString());
      return { granularity, points: [{ period: granularity === 'day' ? today : monthOf(today), ...indicatorFrom(p.key, t) }].map(({ period, num, den }) => ({ period, num, den })) };
    }
    const rows = await rowsInRange(p.from, p.to, departmentsToRead(scope), { now: at, remainingMs, months: granularity === 'month', keys: [p.key], matter: scope.matter });
    const byPeriod = new Map<string, MetricRow[]>();
    for (const r of rows.filter((x) => rowInScope(scope, x))) {
      const period = granularity === 'day' ? r.date : r.date.slice(0, 7);
      byPeriod.set(period, [...(byPeriod.get(period) ?? []), r]);
    }
    const points = [...byPeriod.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([period, list]) => {
      const { num, den } = indicatorFrom(p.key, sumRows(list));
      return { period, num, den };
    });
    return { granularity, points };
  },
});

export const compare = action({
  permission: 'metrics:read',
  params: compareParams,
  handler: async (p, { actor, now, remainingMs }) => {
    checkRange(p.from, p.to);
    const at = now();
    const scope = departmentScope(actor);
    if (p.matterId) await checkMatter(actor, p.matterId);
    const matter = p.matterId;
    const departments = (await departmentList()).filter((d) => scope === 'all' || scope.includes(d.code));
    if (isPlatformWide(p.key)) {
      // No handling department: one city-wide bar (no matter has platform-wide rows: empty then).
      const rows = await rowsInRange(p.from, p.to, [ALL], { now: at, remainingMs, months: true, keys: [p.key], matter });
      const { num, den } = indicatorFrom(p.key, sumRows(rows));
      return { rows: [{ departmentId: ALL, name: '全市', num, den }] };
    }
    const { matters: published } = await publishedCatalogue();
    const matters = matter ? published.filter((m) => m._id === matter) : published;
    const snapshot = (SNAPSHOT_KEYS as readonly string[]).includes(p.key);
    const rows = snapshot ? [] : await rowsInRange(p.from, p.to, departments.map((d) => d.code), { now: at, remainingMs, months: true, keys: [p.key], matter });
    const out = [];
    for (const d of departments) {
      let figure: { num: number; den: number };
      if (p.key === 'overdueCount') figure = (await totalsFor({ all: false, departments: [d.code], matter }, [], at)).get('overdueCount') ?? { num: 0, den: 0 };
      else if (snapshot) figure = catalogueFigures(matters, [d.code]).find((c) => c.key === p.key) ?? { num: 0, den: 0 };
      else figure = indicatorFrom(p.key, sumRows(rows.filter((r) => r.department === d.code)));
      out.push({ departmentId: d.code, name: d.name, num: figure.num, den: figure.den });
    }
    return { rows: out };
  },
});

/** 差评 → 已回访 → 已处理 → 按期整改 → 已反馈, over the tickets opened in the range (live: tickets are few). */
export const funnel = action({
  permission: 'metrics:read',
  params: dashboardParams,
  handler: async (p, { actor }) => {
    checkRange(p.from, p.to);
    const scope = await scopeOf(actor, p.departmentId);
    const all = await scanRange<TicketDoc>(TICKETS, {}, 'createdAt', dayStart(p.from), dayStart(addDays(p.to, 1)));
    const tickets = all.filter((t) => !t.appealUpheld && (scope.all || scope.departments.includes(t.department ?? '')));
    const count = (pred: (t: TicketDoc) => boolean) => tickets.filter(pred).length;
    return {
      steps: [
        { key: 'bad', name: '差评', count: tickets.length },
        { key: 'contacted', name: '已回访', count: count((t) => !!t.contactedAt) },
        { key: 'handled', name: '已处理', count: count((t) => !!t.resolution) },
        { key: 'rectifiedOnTime', name: '按期整改', count: count((t) => !!t.rectified && !!t.rectifiedOnTime) },
        { key: 'feedback', name: '已反馈', count: count((t) => t.status === 'closed') },
      ],
    };
  },
});

const PAGE_SIZE = 20;
/** The drill-down reads raw records: at most this many days of them per call. */
const RECORD_DAYS = 31;

async function recordsOf(key: IndicatorKey, scope: Scope, from: string, to: string): Promise<IndicatorRecord[]> {
  const names = new Map((await departmentList()).map((d) => [d.code, d.name]));
  const { matters, departments } = await publishedCatalogue();
  if (key === 'overdueCount') {
    // Open cases as they are now (the range does not apply): the overdue ones first.
    const today = shanghaiDate(new Date().toISOString());
    const open = await scanRange<ApplicationDoc>(APPLICATIONS, { status: _().in([...OPEN_STATUSES]), ...(scope.all ? {} : { department: _().in(scope.departments) }) }, 'sortDue', '', '\uffff');
    return open.map((a) => ({
      id: a._id, title: `${a.no} ${a.matterName}`, date: a.dueDate ?? a.sortDue, ...(names.get(a.department) ? { departmentName: names.get(a.department) } : {}),
      inNumerator: !!a.dueDate && a.dueDate < today, detail: a.dueDate ? `承诺办结日期 ${a.dueDate}` : '待受理', link: `/packages/staff/pages/case/index?id=${a._id}`,
    })).sort((x, y) => Number(y.inNumerator) - Number(x.inNumerator) || x.date.localeCompare(y.date));
  }
  if ((SNAPSHOT_KEYS as readonly string[]).includes(key)) {
    return matters.filter((m) => m.status === '在用' && (scope.all || scope.departments.includes(m.department.code))).map((m) => {
      const c = catalogueFigures([m], 'all').find((x) => x.key === key);
      return {
        id: m._id, title: m.name, date: shanghaiDate(m.updatedAt), departmentName: m.department.name, inNumerator: !!c && c.num > 0,
        detail: `到现场${m.channels.onsiteVisits}次，网办深度${m.channels.onlineDepth}级，承诺${m.timeLimit.promisedDays}/法定${m.timeLimit.statutoryDays}个工作日`,
      };
    });
  }
  const platform = (PLATFORM_WIDE_KEYS as readonly string[]).includes(key);
  const wanted = (k: string) => k === key || (key === 'deliveryP95Seconds' && k.startsWith('deliveryLatency.'));
  const records = await sourcedRecords({ from, to, matterDepartments: departments }, areasOfKey(key));
  return records
    .filter((r) => r.contributions.some((c) => wanted(c.key)))
    .filter((r) => platform || scope.all || scope.departments.includes(r.department ?? ''))
    .map((r) => {
      const mine = r.contributions.filter((c) => wanted(c.key));
      return {
        id: r.id, title: r.title, date: r.date, ...(r.department && names.get(r.department) ? { departmentName: names.get(r.department) } : {}),
        inNumerator: mine.some((c) => c.num > 0 && (c.den > 0 || key === 'slotUtilisation')), ...(r.detail ? { detail: r.detail } : {}), ...(r.link ? { link: r.link } : {}),
      };
    })
    .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}

export const records = action({
  permission: 'metrics:read',
  params: recordsParams,
  handler: async (p, { actor }) => {
    checkRange(p.from, p.to);
    const scope = await scopeOf(actor, p.departmentId);
    // Raw records are read for the drill-down: a long range lists its last RECORD_DAYS days.
    const earliest = addDays(p.to, 1 - RECORD_DAYS);
    const from = p.from < earliest ? earliest : p.from;
    const all = await recordsOf(p.key, scope, from, p.to);
    const page = p.page ?? 1;
    return {
      definition: definitionOf(p.key), items: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: all.length, page, pageSize: PAGE_SIZE,
      ...(from !== p.from ? { listedFrom: from } : {}),
    };
  },
});

const CSV_HEADER = '部门,指标,指标代码,分子,分母,数值,单位';

export const exportCsv = action({
  permission: 'metrics:read',
  params: dashboardParams,
  handler: async (p, { actor, now, remainingMs }) => {
    checkRange(p.from, p.to);
    const scope = await scopeOf(actor, p.departmentId);
    const at = now();
    const registry = await departmentList();
    const units = scope.all ? registry.map((d) => d.code) : scope.departments;
    const rows = await rowsInRange(p.from, p.to, [...units, ALL], { now: at, remainingMs, months: true });
    const lines: { departmentName: string; indicator: Indicator }[] = [];
    const add = async (name: string, s: Scope) => {
      for (const indicator of indicatorsFrom(await totalsFor(s, rows, at))) lines.push({ departmentName: name, indicator });
    };
    if (scope.all) await add('全市', scope);
    for (const code of units) await add(registry.find((d) => d.code === code)?.name ?? code, { all: false, departments: [code] });
    const suffix = p.departmentId ? `-${p.departmentId}` : '';
    return { fileName: `效能看板-${p.from}至${p.to}${suffix}.csv`, csv: csvOf(lines, CSV_HEADER) };
  },
});
