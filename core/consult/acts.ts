/**
 * Conversational acts (greeting, thanks, goodbye, asking for a person, office hours, …) that a
 * citizen phrases in many more ways than a rule's literal keywords. The lexicon below is generic
 * Chinese, not any base's wording: a rule of an imported base takes an act over when one of the
 * rule's own keywords is recognised as that act (a base's 你好 rule answers 喂，在线吗 too), so the
 * reply stays the city's own text and nothing is keyed to rule ids.
 *
 * Two kinds:
 *  - social acts (greeting, thanks, bye) are the whole message: once their phrases and filler are
 *    removed nothing may remain, so "谢谢，社保卡怎么补" still goes to the FAQs;
 *  - information acts (hours, holidays, hotline, what you can do, robot, online hall) are a
 *    question pattern anywhere in the message.
 */

export type ActName = 'greeting' | 'thanks' | 'bye' | 'human' | 'hours' | 'holiday' | 'hotline' | 'help' | 'robot' | 'online';

interface SocialAct { name: ActName; kind: 'social'; core: RegExp }
interface InfoAct { name: ActName; kind: 'info'; pattern: RegExp; keyword: RegExp }
export type Act = SocialAct | InfoAct;

/** Address forms, acknowledgements and particles that carry no request of their own. */
const FILLER = /太|真是|真|非常|十分|特别|小助手|助手|机器人|客服|小姐姐|亲爱的|亲|同志|老师|您好|你好|现在|那个|这个|那|好的|好嘞|好滴|好吧|行吧|行|嗯+|哦+|噢+|额+|ok|okay|了解了?|明白了?|知道了?|懂了?|收到了?|清楚了?|晓得了?|可以了?|原来如此|这样啊?|是吧|对了?|啊|呀|哇|呢|吧|啦|哈|嘛|喔|哟|咯|了|的|您|你|我|们|都|也|就|先|再|一下/g;

const SOCIAL: SocialAct[] = [
  { name: 'greeting', kind: 'social', core: /喂+|嘿+|嗨+|hi|hello|hey|哈[喽啰罗]|早上好|上午好|中午好|下午好|晚上好|早安|午安|晚安|早+|在(?:吗|么|不|不在|嘛|没)|有人(?:在线|在)?(?:吗|么|不|没)?|在线(?:吗|么|不)?|(?:能|可以)?听(?:得)?到(?:吗|么|不)?|看(?:得)?到(?:吗|么|不)?|打扰(?:一下)?|你好|您好/g },
  { name: 'thanks', kind: 'social', core: /谢+|感谢|感激(?:不尽)?|多谢|感恩+|辛苦(?:了|啦|你了|您了)?|麻烦(?:你|您)了|多亏(?:有)?(?:你|您)?|帮(?:了)?(?:我)?(?:大忙|很多|不少)(?:了)?|太?给力(?:了)?|太?棒(?:了)?|太好了|真好|厉害|3q|thx|thanks|thank ?you|🙏|👍/g },
  { name: 'bye', kind: 'social', core: /再见|拜拜|拜了|88|回见|下线(?:了)?|走了|先这样|就这样|就这些|没(?:有)?(?:别的|其他|啥|什么)?(?:事|问题)(?:了)?|没有了|不(?:用|打扰)(?:了|你了|您了)?|回头(?:有事)?再(?:来|问|聊|找)*|有事再(?:来|问|找)*|改天再?(?:聊|问|来)|知道了|明白了|懂了|好的|ok/g },
];

const HOLIDAY_WORD = '节假日|假期|放假|过年|春节|元旦|清明|五一|劳动节|端午|中秋|国庆|十一|周末|周六|周日|星期六|星期天|星期日|礼拜六|礼拜天|礼拜日|双休';

const INFO: InfoAct[] = [
  {
    name: 'human', kind: 'info',
    pattern: /转人工|人工(?!智能|费|成本|审核|服务(?:的)?时间|服务几点|几点)|真人(?!吗|么|认证|实名|秀|版)|(?:找|叫|换|转|接|喊)(?:通|个|一个|一下|位)*(?:值班的?|你们的?)?(?:真人|人(?![脸口数员像证事力])|客服|工作人员|坐席|专员|负责人)|(?:跟|和|同)(?:人|真人|工作人员)(?:说|讲|聊|谈|沟通)|不想(?:跟|和)(?:机器|程序|机器人|ai)|^(?:客服|工作人员|坐席|人工客服)[吗呢啊呀]*$/,
    keyword: /人工|真人客服|找客服|转人工/,
  },
  {
    name: 'hours', kind: 'info',
    pattern: /几点(?:上班|下班|开门|关门|开始|结束|营业|能进|可以进|进去|去|到|开|关)|(?:开|营业|办|上班)到几点|(?:早上|上午|中午|下午|晚上|傍晚)几点|中午.{0,12}(?:有人|能办|可以办|还办|休息|开门|关门|上班)|(?:办公|上班|工作|营业|开放|开门|服务)时间|作息|几点钟/,
    keyword: /办公时间|上班时间|工作时间|几点/,
  },
  {
    name: 'holiday', kind: 'info',
    // 办 as opening for business (周末能办吗), not a procedure done then (周末才有空，去哪补办).
    pattern: new RegExp(`(?:${HOLIDAY_WORD}).{0,10}(?:开|(?<![补换申领])办|上班|营业|有人|休息|关门|放假)`),
    keyword: new RegExp(HOLIDAY_WORD),
  },
  {
    name: 'hotline', kind: 'info',
    // Asking for a number, not telling that someone phoned (老家那边打电话说要认证).
    pattern: /(?:电话|热线|座机)(?:号码|号)?(?:是)?(?:多少|几号|给|发|哪个)|(?:打|拨)(?:哪个|什么|啥)(?:电话|号)|(?:打|拨)(?:个)?电话(?:问|咨询)|(?:打|拨)(?:过去|进去)问|(?:咨询|服务|客服|联系|办事)(?:电话|号码|热线)|有没有.{0,10}(?:电话|号码|热线)|电话咨询/,
    keyword: /电话|热线/,
  },
  {
    name: 'help', kind: 'info',
    pattern: /(?:能|可以|会)(?:回答|解答|咨询|问|干|做|帮(?:我|忙)?|办)(?:些|点)?(?:哪些|什么|啥|嘛)|有(?:什么|啥)(?:本事|功能|用|服务)|(?:你|这里|这儿|这个)(?:都)?(?:会|管|负责)(?:什么|啥|哪些)|都能问|能问(?:啥|什么|哪些)/,
    keyword: /你能做什么|你能干什么|你会什么|能问什么|可以问什么|帮助|功能/,
  },
  {
    name: 'robot', kind: 'info',
    pattern: /(?:是|算)(?:不是)?(?:ai|机器人|人工智能|程序|电脑|自动回复|真人)|人还是(?:机器|电脑|程序|ai)|(?:机器|电脑|程序|ai)还是人|自动回复|机器人/,
    keyword: /机器人|是真人吗|是不是真人|你是谁/,
  },
  {
    name: 'online', kind: 'info',
    pattern: /(?:电脑|网页|网站|官网|网址|政务网|办事大厅网|网厅|pc端|pc版|浏览器).{0,8}(?:办|进|有没有|哪个|在哪|用|登|上|打开|多少)|(?:网页版|电脑版|pc版)|网上办事大厅|政务服务网/,
    keyword: /网上办事大厅|网址|网站|官网|政务网|网厅/,
  },
];

export const ACTS: readonly Act[] = [...SOCIAL, ...INFO];

/** The act a rule stands for, recognised from its own keywords (first act that recognises one). */
export function actOfRule(keywords: string[]): ActName | undefined {
  for (const act of ACTS) {
    for (const k of keywords) {
      if (act.kind === 'info' ? act.keyword.test(k) : wholeSocial(act, k)) return act.name;
    }
  }
  return undefined;
}

function wholeSocial(act: SocialAct, text: string): boolean {
  if (!text.replace(act.core, '').length && text.length) return true;
  const rest = text.replace(act.core, '\u0000');
  return rest.includes('\u0000') && rest.replace(/\u0000/g, '').replace(FILLER, '').length === 0;
}

/**
 * Acts the message performs, in order of preference: a person first, then the information acts,
 * then a social act that is the whole message. `text` is folded, compacted (no spaces/punctuation).
 */
export function actsIn(text: string): ActName[] {
  const out: ActName[] = [];
  for (const act of INFO) if (act.pattern.test(text)) out.push(act.name);
  for (const act of SOCIAL) if (wholeSocial(act, text)) out.push(act.name);
  return out;
}
