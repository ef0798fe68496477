/**
 * The metrics function's actions (效能看板; part of the contract in core/api.ts).
 * Every indicator travels as a numerator and a denominator: a percentage or an average is
 * computed only where it is shown (see `unit`), never stored.
 */

/** The documented indicator keys. The first seven are pinned by the outside contract. */
export type IndicatorKey =
  // 事项 (catalogue: the published matters)
  | 'onlineRate' | 'fullOnlineRate' | 'zeroVisitRate' | 'instantRate' | 'timeCompressionRate'
  // 办件
  | 'onTimeRate' | 'avgHandlingDays' | 'correctionRate' | 'overdueCount'
  // 预约
  | 'checkInRate' | 'noShowRate' | 'cancelRate' | 'slotUtilisation'
  // 咨询
  | 'autoAnswerRate' | 'handoffRate' | 'firstResponseMinutes'
  // 推送
  | 'deliveryRate' | 'quotaExhaustedShare' | 'deliveryP95Seconds' | 'openRate'
  // 好差评
  | 'activeRatingRate' | 'goodRate' | 'badRate' | 'badVisitRate' | 'rectifiedRate' | 'onTimeRectifiedRate';

export type IndicatorArea = 'matters' | 'affairs' | 'booking' | 'consult' | 'push' | 'evaluation';

/**
 * How `num` and `den` are read:
 * - `ratio`: num ÷ den, shown as a percentage;
 * - `average`: num is a sum (days, minutes), den a count: shown as num ÷ den in `unitLabel`;
 * - `count`: num alone (den is 1 or the population it is out of);
 * - `percentile`: num is the value itself (seconds), den the sample size.
 */
export type IndicatorUnit = 'ratio' | 'average' | 'count' | 'percentile';

export interface Indicator {
  key: IndicatorKey;
  /** Chinese name, e.g. 好评率. */
  name: string;
  num: number;
  den: number;
  area?: IndicatorArea;
  unit?: IndicatorUnit;
  /** 工作日, 分钟, 秒, 件 … for `average`, `count` and `percentile`. */
  unitLabel?: string;
}

/** The written definition of one indicator (README has the same table). */
export interface IndicatorDefinition {
  key: IndicatorKey;
  name: string;
  area: IndicatorArea;
  unit: IndicatorUnit;
  unitLabel?: string;
  /** 分子, in Chinese. */
  numerator: string;
  /** 分母, in Chinese. */
  denominator: string;
  /** Where the counts come from and what is excluded, in Chinese. */
  note?: string;
  /** Shown on the public 评价公示 page too. */
  public?: boolean;
}

/** One record behind an indicator (drill-down), masked: never an openid, phone or ID number. */
export interface IndicatorRecord {
  id: string;
  /** e.g. the matter or notice title, 办件 serial, booking slot. */
  title: string;
  /** `YYYY-MM-DD` (Asia/Shanghai) the record counts on. */
  date: string;
  departmentName?: string;
  /** Counted in the numerator (the denominator holds every listed record). */
  inNumerator: boolean;
  /** A short Chinese fact: 用时 3 个工作日, 爽约, 43101 … */
  detail?: string;
  /** A staff page that opens the record, e.g. `/packages/staff/pages/case/index?id=…`. */
  link?: string;
}

export interface DashboardParams {
  /** `YYYY-MM-DD`, Asia/Shanghai, inclusive. */
  from: string;
  /** `YYYY-MM-DD`, Asia/Shanghai, inclusive; today's live data is included. */
  to: string;
  departmentId?: string;
}

/**
 * Dashboard, trend and compare may narrow to one matter (added later, optional): its per-matter
 * rows are read (today live, filtered by matter). Only indicators whose records name a matter have
 * figures then (办件, 好差评, 预约; 事项 and 超期 for that matter); platform-wide ones are empty.
 */
export interface MatterFilter {
  matterId?: string;
}

export interface DepartmentOption { id: string; name: string }

/** How many 办件 are in one status right now (live, in the caller's scope; drafts not counted). */
export interface StatusVolume {
  /** The application status code, e.g. `accepted`. */
  status: string;
  /** Its Chinese name, e.g. 办理中. */
  name: string;
  count: number;
}

export interface MetricsApi {
  /** Staff: their departments (admins: all). Today's figures are live, earlier days from the rollup. */
  dashboard: {
    params: DashboardParams & MatterFilter;
    /** `statusVolume` (optional, added later): 办件 per status now, whatever the range. */
    result: { indicators: Indicator[]; departments?: DepartmentOption[]; computedAt?: string; statusVolume?: StatusVolume[] };
  };
  /** One indicator per day (ranges over 62 days: per month) for a trend line. */
  trend: {
    params: DashboardParams & { key: IndicatorKey } & MatterFilter;
    result: { granularity: 'day' | 'month'; points: { period: string; num: number; den: number }[] };
  };
  /** One indicator per department, for the comparison bars (only the departments the caller sees). */
  compare: {
    params: { from: string; to: string; key: IndicatorKey } & MatterFilter;
    result: { rows: { departmentId: string; name: string; num: number; den: number }[] };
  };
  /** 差评 funnel: 差评 → 已回访 → 已处理 → 按期整改 → 已反馈. */
  funnel: {
    params: DashboardParams;
    result: { steps: { key: string; name: string; count: number }[] };
  };
  /** Definitions of every indicator (public: no sign-in needed). */
  definitions: { params: Record<string, never>; result: IndicatorDefinition[] };
  /** The records behind an indicator, a page at a time (staff, same visibility as `dashboard`). */
  records: {
    params: DashboardParams & { key: IndicatorKey; page?: number };
    /**
     * `listedFrom`: set when the range is longer than the drill-down lists at once (31 days):
     * the items are those of `listedFrom`–`to` (the range's last 31 days).
     */
    result: { definition: IndicatorDefinition; items: IndicatorRecord[]; total: number; page: number; pageSize: number; listedFrom?: string };
  };
  /** CSV (UTF-8 with BOM, for Excel) of the dashboard's indicators per department for the range. */
  exportCsv: {
    params: DashboardParams;
    result: { fileName: string; csv: string };
  };
  /** Public 评价公示 subset: per department and month, 好评率, 按时办结率, 跑零次率. */
  publicBoard: {
    params: { months?: number };
    result: { rows: { month: string; departmentName: string; goodRate: { num: number; den: number }; onTimeRate: { num: number; den: number }; zeroVisitRate: { num: number; den: number } }[] };
  };
  /** Timer `rollup` also answers this for staff admins: rerun one day (idempotent). */
  rollup: { params: { date: string }; result: { date: string; rows: number } };
}
