/**
 * The written definition of every indicator: the one source for the `definitions` action, the
 * dashboard's names and units, the CSV header and the README table (效能看板指标定义).
 */
import type { IndicatorDefinition, IndicatorKey } from './api';

export const DEFINITIONS: readonly IndicatorDefinition[] = [
  // 事项: the published catalogue as it is now (a snapshot, not events of the range).
  { key: 'onlineRate', name: '网上可办率', area: 'matters', unit: 'ratio', numerator: '网上办理深度达到Ⅲ级（网上受理办理）及以上的在用事项数', denominator: '已发布目录中的在用事项数', note: '按当前已发布的事项目录计算，不随日期范围变化' },
  { key: 'fullOnlineRate', name: '全程网办率', area: 'matters', unit: 'ratio', numerator: '网上办理深度为Ⅳ级（全程网办）的在用事项数', denominator: '已发布目录中的在用事项数', note: '与首页“全程网办”事项数同一口径' },
  { key: 'zeroVisitRate', name: '跑零次率', area: 'matters', unit: 'ratio', numerator: '到现场次数为0的在用事项数', denominator: '已发布目录中的在用事项数', note: '与首页“跑零次”事项数同一口径', public: true },
  { key: 'instantRate', name: '即办件比例', area: 'matters', unit: 'ratio', numerator: '办件类型为即办件的在用事项数', denominator: '已发布目录中的在用事项数' },
  { key: 'timeCompressionRate', name: '承诺时限压缩比', area: 'matters', unit: 'ratio', numerator: 'Σ（法定办结时限 − 承诺办结时限），工作日', denominator: 'Σ法定办结时限，工作日（在用事项）', note: '即 1 − Σ承诺 ÷ Σ法定；法定时限为0的事项不计入' },
  // 办件
  { key: 'onTimeRate', name: '按时办结率', area: 'affairs', unit: 'ratio', numerator: '办结日期不晚于承诺办结日期的办件数', denominator: '当期办结（准予或不予）的办件数', note: '按办结日期归属；补正、挂起期间不计时，承诺日期随之顺延', public: true },
  { key: 'avgHandlingDays', name: '平均办理时长', area: 'affairs', unit: 'average', unitLabel: '工作日', numerator: 'Σ受理至办结所用工作日（不含补正、挂起期间）', denominator: '当期办结的办件数', note: '即办件计0个工作日' },
  { key: 'correctionRate', name: '补正率', area: 'affairs', unit: 'ratio', numerator: '办理中曾被要求补正的办结办件数', denominator: '当期办结的办件数' },
  { key: 'overdueCount', name: '超期办件数', area: 'affairs', unit: 'count', unitLabel: '件', numerator: '当前在办且已超过承诺办结日期的办件数', denominator: '当前在办（待受理、办理中、待补正、挂起）的办件数', note: '实时数，不随日期范围变化' },
  // 预约
  { key: 'checkInRate', name: '签到率', area: 'booking', unit: 'ratio', numerator: '已签到的预约数', denominator: '到期的预约数（已签到 + 爽约）', note: '按预约日期归属；已取消的预约不计入' },
  { key: 'noShowRate', name: '爽约率', area: 'booking', unit: 'ratio', numerator: '爽约的预约数', denominator: '到期的预约数（已签到 + 爽约）' },
  { key: 'cancelRate', name: '取消率', area: 'booking', unit: 'ratio', numerator: '已取消的预约数（群众取消或大厅取消）', denominator: '全部预约数' },
  { key: 'slotUtilisation', name: '号源利用率', area: 'booking', unit: 'ratio', numerator: '未取消的预约数（已预约、已签到、爽约）', denominator: '开放号源总容量', note: '按大厅号源计算，不分部门（全平台数）' },
  // 咨询
  { key: 'autoAnswerRate', name: '自动解答率', area: 'consult', unit: 'ratio', numerator: '智能客服作答、未转人工且未被点“没帮助”的提问数', denominator: '智能客服收到的提问数', note: '全平台数，不分部门' },
  { key: 'handoffRate', name: '转人工率', area: 'consult', unit: 'ratio', numerator: '转人工坐席的提问数', denominator: '智能客服收到的提问数', note: '全平台数，不分部门' },
  { key: 'firstResponseMinutes', name: '人工首次响应时长', area: 'consult', unit: 'average', unitLabel: '分钟', numerator: 'Σ转人工提问从提出到坐席首次答复的分钟数', denominator: '已答复的转人工提问数', note: '按提问日期归属；全平台数' },
  // 推送
  { key: 'deliveryRate', name: '送达率', area: 'push', unit: 'ratio', numerator: '微信返回成功（errcode 0）的消息数', denominator: '已发送的消息数（成功 + 失败）', note: '按消息进入推送队列的日期归属；全平台数' },
  { key: 'quotaExhaustedShare', name: '43101占比', area: 'push', unit: 'ratio', numerator: '因用户未订阅或订阅次数用尽（errcode 43101）未送达的消息数', denominator: '已发送的消息数（成功 + 失败）' },
  { key: 'deliveryP95Seconds', name: '事件到送达P95', area: 'push', unit: 'percentile', unitLabel: '秒', numerator: '事件消息从进入推送队列到送达用时的第95百分位（按分档上限取值）', denominator: '送达的事件消息数', note: '分档：1、2、5、10、30、60、120、300、600、1800、3600秒及以上' },
  { key: 'openRate', name: '打开率', area: 'push', unit: 'ratio', numerator: '送达后被点击打开的消息数', denominator: '送达的消息数' },
  // 好差评
  { key: 'activeRatingRate', name: '主动评价率', area: 'evaluation', unit: 'ratio', numerator: '群众主动评价（非默认评价）的办结服务数', denominator: '当期办结（含不予受理）的办件与已签到的预约数', note: '按办结或签到日期归属' },
  { key: 'goodRate', name: '好评率', area: 'evaluation', unit: 'ratio', numerator: '四星、五星（满意、非常满意）评价数', denominator: '评价总数（不含申诉成立被剔除的评价）', note: '按评价日期归属', public: true },
  { key: 'badRate', name: '差评率', area: 'evaluation', unit: 'ratio', numerator: '一星、二星（非常不满意、不满意）评价数', denominator: '评价总数（不含申诉成立被剔除的评价）' },
  { key: 'badVisitRate', name: '差评回访率', area: 'evaluation', unit: 'ratio', numerator: '已回访核实的差评工单数', denominator: '差评工单数（不含申诉成立的）', note: '按差评日期归属' },
  { key: 'rectifiedRate', name: '差评整改率', area: 'evaluation', unit: 'ratio', numerator: '已整改或已解释说明的差评工单数', denominator: '差评工单数（不含申诉成立的）' },
  { key: 'onTimeRectifiedRate', name: '按期整改率', area: 'evaluation', unit: 'ratio', numerator: '在整改期限内完成整改的工单数', denominator: '已整改的差评工单数' },
];

export const INDICATOR_KEYS: readonly IndicatorKey[] = DEFINITIONS.map((d) => d.key);

const BY_KEY = new Map(DEFINITIONS.map((d) => [d.key, d]));

export function definitionOf(key: IndicatorKey): IndicatorDefinition {
  const d = BY_KEY.get(key);
  if (!d) throw new Error(`unknown indicator ${key}`);
  return d;
}

/** Areas the platform runs for everyone (no handling department): staff see the city-wide figure. */
export const PLATFORM_WIDE_KEYS: readonly IndicatorKey[] = ['slotUtilisation', 'autoAnswerRate', 'handoffRate', 'firstResponseMinutes', 'deliveryRate', 'quotaExhaustedShare', 'deliveryP95Seconds', 'openRate'];

/**
 * Indicators whose records name a matter (办件, 好差评, 预约): they also get per-matter rows, so a
 * matter's figures are read from the rollup like a department's.
 */
export const MATTER_KEYS: readonly IndicatorKey[] = [
  'onTimeRate', 'avgHandlingDays', 'correctionRate',
  'checkInRate', 'noShowRate', 'cancelRate',
  'activeRatingRate', 'goodRate', 'badRate', 'badVisitRate', 'rectifiedRate', 'onTimeRectifiedRate',
];

/** Computed from the catalogue or open cases as they are now, never from daily rows. */
export const SNAPSHOT_KEYS: readonly IndicatorKey[] = ['onlineRate', 'fullOnlineRate', 'zeroVisitRate', 'instantRate', 'timeCompressionRate', 'overdueCount'];

/** The README table (指标, 分子, 分母, 说明), from the same data. */
export function definitionsMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '｜');
  return [
    '| 指标 | 分子 | 分母 | 说明 |',
    '| --- | --- | --- | --- |',
    ...DEFINITIONS.map((d) => `| ${d.name}（\`${d.key}\`） | ${cell(d.numerator)} | ${cell(d.denominator)} | ${cell([d.note, d.public ? '评价公示' : ''].filter(Boolean).join('；'))} |`),
  ].join('\n');
}
