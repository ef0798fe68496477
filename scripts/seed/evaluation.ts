/**
 * Preview seed for 好差评: five months of ratings across five departments, and the 差评工单 they
 * opened, stepped through the real ticket machine (core/evaluation/ticket.ts) on the working-day
 * calendar — most rectified on time, some late, one appeal upheld, a few still open this month —
 * so 评价公示, the guides' 好评率 and the staff ticket list have something to show. The ratings
 * stand for services older than the seeded applications (their targets are not in the database).
 * Deterministic: the same ids and values on every run.
 */
import { createHash } from 'node:crypto';
import { sdk } from '../../local-cloud';
import { addDays, createCalendar, shanghaiDate, shanghaiInstant } from '../../core/calendar/workdays';
import { DEFAULT_SETTINGS, OPTIONS_VERSION, optionsFor, ratingIdFor, ticketIdFor, type Level, type RatingDoc } from '../../core/evaluation/model';
import { advanceTicket, openTicket, type TicketClock, type TicketStep } from '../../core/evaluation/ticket';
import type { TicketDoc } from '../../cloudfunctions/evaluation/handlers/write';
import { applicationNo } from '../../core/affairs/view';

const MATTERS = [
  { id: '11999900MB0P12301G3002011103000', name: '居住证申领', department: 'psb', departmentName: '示例市公安局', perMonth: 9 },
  { id: '11999900MB0P12301G3000711104002', name: '户口迁入登记', department: 'psb', departmentName: '示例市公安局', perMonth: 6 },
  { id: '11999900MB0P12328T3000111102002', name: '往来港澳通行证再次签注', department: 'exit-entry', departmentName: '示例市公安局出入境管理支队', perMonth: 8 },
  { id: '11999900MB0R45012H3002011501002', name: '社会保障卡补领、换领', department: 'hrss', departmentName: '示例市人力资源和社会保障局', perMonth: 7 },
  { id: '11999900MB1Y66210N3002014002000', name: '基本医疗保险跨省异地就医备案', department: 'healthcare-security', departmentName: '示例市医疗保障局', perMonth: 5 },
];
const MONTHS = 5;
const COMMENTS: Record<number, string[]> = {
  5: ['办理很快，工作人员很耐心', '全程网上办，一次都没跑', ''],
  4: ['整体不错', '', '指引清楚'],
  3: ['还可以，等待时间稍长', ''],
  2: ['补正要求没有一次说清楚', '办理时间比承诺的长'],
  1: ['多次打电话无人接听'],
};

/** A deterministic number in [0, 1) per key. */
const rand = (key: string) => parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16) / 0x1_0000_0000;

function levelFor(key: string): Level {
  const r = rand(key);
  return r < 0.62 ? 5 : r < 0.84 ? 4 : r < 0.93 ? 3 : r < 0.98 ? 2 : 1;
}

export async function seedEvaluation(log: (s: string) => void = console.log): Promise<number> {
  const db = sdk.database();
  const cal = createCalendar();
  const today = shanghaiDate();
  const clockAt = (day: string, hm: string): TicketClock => ({
    at: shanghaiInstant(day, hm).toISOString(), today: day, addWorkdays: (s, n) => cal.addWorkdays(s, n), settings: DEFAULT_SETTINGS,
  });
  let ratings = 0;
  let tickets = 0;
  let appealDone = false;
  for (let m = 0; m < MONTHS; m += 1) {
    for (const matter of MATTERS) {
      for (let i = 0; i < matter.perMonth; i += 1) {
        const key = `${matter.id}:${m}:${i}`;
        const day = addDays(today, -(m * 30 + 1 + Math.floor(rand(`${key}:day`) * 28)));
        const level = levelFor(key);
        const targetId = `S${createHash('sha256').update(`seed-eval\u0000${key}`).digest('hex').slice(0, 24)}`;
        const id = ratingIdFor('application', targetId);
        const options = optionsFor('application', level).filter((_, j) => rand(`${key}:o${j}`) < 0.35);
        const comments = COMMENTS[level];
        const comment = comments[Math.floor(rand(`${key}:c`) * comments.length)] || undefined;
        const opened = clockAt(day, '15:20');
        const rating: RatingDoc = {
          _id: id, openid: `seed-rater-${Math.floor(rand(`${key}:who`) * 400)}`, requestId: `seed-${key}`, targetType: 'application', targetId,
          matterId: matter.id, title: matter.name, department: matter.department, departmentName: matter.departmentName,
          level, options, optionsVersion: OPTIONS_VERSION, ...(comment ? { comment } : {}), isDefault: false,
          endedAt: shanghaiInstant(day, '10:00').toISOString(), createdAt: opened.at,
        };
        if (level <= 2) {
          const ticket = seededTicket(rating, opened, m, i, !appealDone && m === 2, (d, hm) => clockAt(d, hm));
          if (ticket.appealUpheld) { appealDone = true; rating.excluded = true; }
          rating.ticketId = ticket._id;
          const { _id: tid, ...t } = JSON.parse(JSON.stringify(ticket)) as TicketDoc;
          await db.collection('evaluation_tickets').doc(tid).set({ data: t });
          tickets += 1;
        }
        const { _id, ...rest } = JSON.parse(JSON.stringify(rating)) as RatingDoc;
        await db.collection('evaluation_ratings').doc(_id).set({ data: rest });
        ratings += 1;
      }
    }
  }
  log(`已写入示例好差评 ${ratings} 条、差评工单 ${tickets} 件（近${MONTHS}个月，公安局、出入境、人社局、医保局）`);
  return ratings;
}

/** A ticket taken through the machine: this month's stay open; older ones end rectified (one late) or by an upheld appeal. */
function seededTicket(rating: RatingDoc, opened: TicketClock, month: number, i: number, appeal: boolean, clockAt: (day: string, hm: string) => TicketClock): TicketDoc {
  const first = openTicket(rating.level, opened);
  let state = first.state;
  const timeline = [first.entry];
  const by = rating.departmentName ?? '';
  const run = (step: TicketStep, day: string, who = by) => {
    const out = advanceTicket(state, step, clockAt(day, '11:00'), who, timeline.length + 1);
    state = out.state;
    timeline.push(out.entry);
  };
  const openDay = opened.today;
  const workday = (n: number) => opened.addWorkdays(openDay, n).date;
  const stillOpen = month === 0;
  if (!(stillOpen && i % 2 === 0)) {
    run({ step: 'contact', note: '已电话联系评价人，核实情况' }, workday(1));
    if (appeal) {
      run({ step: 'resolve', resolution: 'appeal', note: '评价人所述与办理记录不符，申请复核' }, workday(2));
      run({ step: 'review', upheld: true, note: '经核查，系误评，申诉成立' }, workday(4), '管理员');
      run({ step: 'feedback', note: '经复核，该评价不计入统计' }, workday(5));
    } else if (!stillOpen) {
      const late = i % 3 === 2;
      run({ step: 'resolve', resolution: 'deadline', note: '优化补正告知，一次性告知全部问题' }, workday(1));
      run({ step: 'rectified', note: '已整改：补正清单一次性告知' }, workday(late ? 8 : 4));
      run({ step: 'feedback', note: '已整改，感谢您的监督' }, workday(late ? 9 : 5));
    } else {
      run({ step: 'resolve', resolution: 'deadline', note: '增开窗口，缩短等待时间' }, workday(1));
    }
  }
  return {
    // A 办件编号 in the affairs format: the overdue notice to admins and the feedback push show it.
    _id: ticketIdFor(rating._id), ratingId: rating._id, targetType: 'application', targetId: rating.targetId,
    targetNo: applicationNo(shanghaiDate(rating.endedAt), 800 + month * 100 + i),
    title: rating.title, department: rating.department, unitName: by, level: rating.level, options: rating.options,
    ...(rating.comment ? { comment: rating.comment } : {}), openid: rating.openid, ...state, timeline,
    createdAt: opened.at, updatedAt: timeline[timeline.length - 1].at,
  };
}
