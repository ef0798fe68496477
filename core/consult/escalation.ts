/**
 * Messages a person must handle whatever the knowledge base holds: a complaint about how the
 * citizen was treated, a dispute over a decision, or a request for a person in any words. The
 * engine's own checks (`intents.ts`) stop an FAQ being answered over such words only when the FAQ
 * does not mention them; these take the message to the inbox even then, because an FAQ about
 * 社保卡补领 is no answer to "the clerk at the 社保卡 window was rude".
 */
import type { Decision } from './engine';

export type EscalationReason = 'human' | 'complaint' | 'dispute' | 'own-case';

// 人工 as a person, not 人工智能 (AI) nor a step done by hand (人工审核, 人工费).
const PERSON = '(?:人工(?!智能|审核|审批|核验|核对|费|成本)|真人|活人|客服|工作人员|办事员|接线员|坐席|值班的|专人)';
const MACHINE = '(?:机器人?|AI|ai|智能客服|智能助手|自动回复)';
/**
 * Asking for a person: 找个工作人员, 让真人跟我说, 不想跟机器人聊, 人工在吗, 让人来回答,
 * 别让机器回了, 工作人员能直接回我吗 … (not 人工服务时间, 人工智能, 让人很着急).
 */
const HUMAN = new RegExp([
  `(?:找|要|换|叫|让|请|转|接|联系|转接|安排)(?:一下|下)?(?:个|一个|一位|位)?${PERSON}`,
  `${PERSON}(?:在吗|在不在|呢|来|跟我|和我|回复(?!说|过)|回答我|处理一下|帮我看)`,
  // A person to come and answer: 让人来, 叫个人来, 换人来回答, 让人回我.
  '(?:让|叫|换|请)(?:个|一个|一位|位)?(?:真)?人(?:来|过来|回答|回复|答复|回我)',
  // The agent to answer directly: 工作人员能直接回我吗, 客服可以回复一下吗.
  `${PERSON}(?:能|可以|能不能|可不可以|会)?(?:直接|亲自|本人)?(?:回|答|回复|回答|答复)(?:我|一下)`,
  // Not the machine: 别让机器回了, 别用机器人, 不要机器人, 不想跟AI聊.
  `(?:别|不要|甭)(?:再)?(?:让|用|叫|跟|和)?${MACHINE}`,
  '不(?:想|要|愿意)(?:再)?(?:跟|和|同)?(?:机器|AI|ai|自动)',
  '有没有(?:真)?人(?:在|能|可以|回)',
].join('|'));
/** How the citizen was treated: attitude, being ignored or pushed around, 我要投诉. */
const COMPLAINT = new RegExp([
  '态度(?:很|太|非常|特别|真|极其|实在)?(?:差|恶劣|不好|蛮横|冷淡|生硬)',
  '不耐烦', '甩脸', '骂人', '吼(?:我|人)', '爱答不理', '爱理不理', '不理人', '踢皮球', '推来推去', '推诿', '刁难', '故意拖',
  '(?:我|俺)?要投诉', '投诉(?:一下)?(?:窗口|工作人员|那个|他|她|你们|办事)',
  '服务(?:太|很|真)?差', '效率(?:太|很|真)?(?:低|差)',
  '(?:来回|白)跑', '不满意', '(?:很|非常|十分|极其|特别)不满', '(?:办得|办理|审批|效率)?太慢', '差评', '跑了[一二三四五六七八九十几\\d]+(?:趟|次|回)',
].join('|'));
/** The citizen's own case went wrong: refused, sent back, stopped, or the record is not theirs. */
const OWN_CASE = new RegExp([
  '被(?:拒|退回|驳回|取消|停)', '(?:审核|审批)(?:没|不)通过', '退回了', '取消了', '(?:就|又|也)?没(?:再)?发了',
  '不是我本人', '不是本人(?:提|办|操作)', '对不上', '不能受理', '不给受理',
].join('|'));
/** Disagreeing with a decision or a charge: a person, and the legal channels, not an FAQ. */
const DISPUTE = /不服|申诉|复议|争议|纠纷|讨个说法|要个说法|凭什么/;

export function escalationOf(text: string): EscalationReason | null {
  if (COMPLAINT.test(text)) return 'complaint';
  if (DISPUTE.test(text)) return 'dispute';
  if (HUMAN.test(text)) return 'human';
  if (OWN_CASE.test(text)) return 'own-case';
  return null;
}

/** Asking where or how to complain, and the best entry is itself about complaining: that entry answers. */
const ASKS_HOW = /在哪|哪里|哪儿|怎么|如何|渠道|途径|电话|方式/;
const ABOUT_COMPLAINING = /投诉|差评|评价|举报|意见|监督/;

function entryAnswersComplaint(decision: Decision, text: string): boolean {
  // Only what the engine offered as its reading of the message: not the chips under a handoff.
  const best = decision.answer?.question ?? (decision.type === 'suggestions' ? decision.suggestions?.[0]?.question : undefined) ?? '';
  return ASKS_HOW.test(text) && ABOUT_COMPLAINING.test(best);
}

/** The engine's decision, unless the message is one a person must handle. */
export function escalate(decision: Decision, text: string): Decision {
  if (decision.type === 'handoff' && decision.reason === 'human') return decision;
  const reason = escalationOf(text);
  if (!reason) return decision;
  if (reason === 'complaint' && entryAnswersComplaint(decision, text)) return decision;
  return { ...decision, type: 'handoff', reason, answer: undefined, suggestions: undefined };
}
