/**
 * WeChat cloud timer-trigger cron: seven fields `sec min hour day month weekday year`,
 * evaluated in UTC+8 whatever the machine's zone (China has no DST, so a fixed offset is exact).
 *
 * Rules follow the WeChat/CloudBase trigger docs: each field takes `*`, numbers, `a-b`,
 * `a,b,c` and `/` steps (`*\/n`, `a/n` = from a to the field's max, `a-b/n`); months take
 * JAN–DEC, weekdays 0–6 or SUN–SAT (0 = Sunday; 7 is also accepted as Sunday); when both
 * day and weekday are restricted they are OR'ed ("两者为或关系"), otherwise AND'ed.
 * Anything else (`?`, `L`, `W`, `#`) is rejected here because the cloud rejects it on upload.
 */

const TZ_OFFSET_MS = 8 * 3600 * 1000;

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Index of names[0]; months start at 1, weekdays at 0. */
  nameBase?: number;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

const FIELDS: readonly FieldSpec[] = [
  { name: '秒', min: 0, max: 59 },
  { name: '分钟', min: 0, max: 59 },
  { name: '小时', min: 0, max: 23 },
  { name: '日', min: 1, max: 31 },
  { name: '月', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  // 7 is Sunday too; folded to 0 after parsing.
  { name: '星期', min: 0, max: 7, names: WEEKDAYS, nameBase: 0 },
  { name: '年', min: 1970, max: 2099 },
];

export class CronError extends Error {
  constructor(expr: string, reason: string) {
    super(`定时触发器表达式 "${expr}" 无效：${reason}`);
    this.name = 'CronError';
  }
}

export interface CronSchedule {
  source: string;
  seconds: ReadonlySet<number>;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  days: ReadonlySet<number>;
  months: ReadonlySet<number>;
  weekdays: ReadonlySet<number>;
  years: readonly number[];
  /** A field not starting with `*` restricts; both restricted → OR (classic cron rule). */
  dayRestricted: boolean;
  weekdayRestricted: boolean;
}

function parseValue(token: string, spec: FieldSpec, expr: string): number {
  const upper = token.toUpperCase();
  if (spec.names) {
    const idx = spec.names.indexOf(upper);
    if (idx >= 0) return idx + (spec.nameBase ?? 0);
  }
  if (!/^\d+$/.test(token)) throw new CronError(expr, `${spec.name}字段的 "${token}" 不是合法取值`);
  const n = Number(token);
  if (n < spec.min || n > spec.max) {
    throw new CronError(expr, `${spec.name}字段的 ${n} 超出范围 ${spec.min}-${spec.max === 7 ? 6 : spec.max}`);
  }
  return n;
}

function parseField(text: string, spec: FieldSpec, expr: string): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    if (part === '') throw new CronError(expr, `${spec.name}字段有多余的逗号`);
    const [rangePart, stepPart, extra] = part.split('/');
    if (extra !== undefined || rangePart === undefined || rangePart === '') {
      throw new CronError(expr, `${spec.name}字段的 "${part}" 格式不正确`);
    }
    let step = 1;
    if (stepPart !== undefined) {
      if (!/^\d+$/.test(stepPart) || Number(stepPart) === 0) throw new CronError(expr, `${spec.name}字段的步长 "${stepPart}" 须为正整数`);
      step = Number(stepPart);
    }
    let lo: number;
    let hi: number;
    if (rangePart === '*') {
      lo = spec.min;
      hi = spec.max === 7 ? 6 : spec.max;
    } else if (rangePart.includes('-')) {
      const bounds = rangePart.split('-');
      if (bounds.length !== 2) throw new CronError(expr, `${spec.name}字段的范围 "${rangePart}" 格式不正确`);
      lo = parseValue(bounds[0] ?? '', spec, expr);
      hi = parseValue(bounds[1] ?? '', spec, expr);
      if (lo > hi) throw new CronError(expr, `${spec.name}字段的范围 "${rangePart}" 起点大于终点`);
    } else {
      lo = parseValue(rangePart, spec, expr);
      // `a/n` means "from a, every n" up to the field's maximum.
      hi = stepPart !== undefined ? (spec.max === 7 ? 6 : spec.max) : lo;
    }
    for (let v = lo; v <= hi; v += step) out.add(spec.max === 7 && v === 7 ? 0 : v);
  }
  return out;
}

const cache = new Map<string, CronSchedule>();

export function parseCron(expr: string): CronSchedule {
  const hit = cache.get(expr);
  if (hit) return hit;
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 7) throw new CronError(expr, `须有 7 个以空格分隔的字段（秒 分 时 日 月 星期 年），实际 ${parts.length} 个`);
  const sets = parts.map((p, i) => parseField(p, FIELDS[i] as FieldSpec, expr));
  const [seconds, minutes, hours, days, months, weekdays, years] = sets as [
    Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>,
  ];
  const schedule: CronSchedule = {
    source: expr,
    seconds,
    minutes,
    hours,
    days,
    months,
    weekdays,
    years: [...years].sort((a, b) => a - b),
    dayRestricted: !(parts[3] ?? '').startsWith('*'),
    weekdayRestricted: !(parts[5] ?? '').startsWith('*'),
  };
  cache.set(expr, schedule);
  return schedule;
}

/** Wall-clock fields in China time, read off a Date shifted by +8 h and using UTC getters. */
interface Wall {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

function wallOf(shiftedMs: number): Wall {
  const d = new Date(shiftedMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

function dayMatches(s: CronSchedule, w: Wall): boolean {
  const byDay = s.days.has(w.day);
  const byWeekday = s.weekdays.has(w.weekday);
  if (s.dayRestricted && s.weekdayRestricted) return byDay || byWeekday;
  return byDay && byWeekday;
}

function toSchedule(expr: string | CronSchedule): CronSchedule {
  return typeof expr === 'string' ? parseCron(expr) : expr;
}

/** Does the schedule fire at `date`'s second (milliseconds ignored)? */
export function matches(expr: string | CronSchedule, date: Date): boolean {
  const s = toSchedule(expr);
  const w = wallOf(date.getTime() + TZ_OFFSET_MS);
  return (
    s.years.includes(w.year) &&
    s.months.has(w.month) &&
    dayMatches(s, w) &&
    s.hours.has(w.hour) &&
    s.minutes.has(w.minute) &&
    s.seconds.has(w.second)
  );
}

/**
 * The next `n` fire times strictly after `from`. Skips whole years, months, days, hours and
 * minutes that cannot match, so even a yearly schedule is found in a few hundred steps.
 * Returns fewer than `n` when the schedule ends (years run out at 2099, or e.g. 30 Feb).
 */
export function nextFireTimes(expr: string | CronSchedule, from: Date, n: number): Date[] {
  const s = toSchedule(expr);
  const out: Date[] = [];
  const lastYear = s.years[s.years.length - 1] ?? 0;
  // Work in shifted milliseconds: a UTC timestamp whose UTC fields read as China wall time.
  let t = Math.floor((from.getTime() + TZ_OFFSET_MS) / 1000) * 1000 + 1000;
  while (out.length < n) {
    const w = wallOf(t);
    if (w.year > lastYear) break;
    if (!s.years.includes(w.year)) {
      const next = s.years.find((y) => y > w.year);
      if (next === undefined) break;
      t = Date.UTC(next, 0, 1);
    } else if (!s.months.has(w.month)) {
      t = Date.UTC(w.year, w.month, 1); // month index w.month = next month (Date.UTC rolls over)
    } else if (!dayMatches(s, w)) {
      t = Date.UTC(w.year, w.month - 1, w.day + 1);
    } else if (!s.hours.has(w.hour)) {
      t = Date.UTC(w.year, w.month - 1, w.day, w.hour + 1);
    } else if (!s.minutes.has(w.minute)) {
      t = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute + 1);
    } else if (!s.seconds.has(w.second)) {
      t += 1000;
    } else {
      out.push(new Date(t - TZ_OFFSET_MS));
      t += 1000;
    }
  }
  return out;
}

/** Validates an expression, returning the Chinese reason or null (for config checks and deploy). */
export function cronProblem(expr: string): string | null {
  try {
    parseCron(expr);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
