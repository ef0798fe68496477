/**
 * What a citizen asks beyond the knowledge base, even when the message shares words with an FAQ:
 * 身份证被冒用办贷款 is not 身份证补办. Each intent word found in a message that the best entry does
 * not itself mention means "a person must look at this" (handoff), never a confident answer.
 */

/** Fraud, disputes, legal and personal-case trouble: staff, not an FAQ, must answer these. */
export const OUT_OF_SCOPE_INTENTS = [
  '冒用', '盗用', '冒名', '被冒', '诈骗', '被骗', '骗子', '骗了', '骗钱', '盗刷', '伪造', '假证', '造假',
  '投诉', '举报', '纠纷', '赔偿', '索赔', '起诉', '律师', '法律', '法院', '判决', '仲裁', '维权', '打官司', '报警', '违法犯罪',
  '抚养权', '财产分割', '分财产', '家暴', '离婚官司', '遗产', '继承',
  '欠薪', '拖欠', '工资不发', '不发工资', '不给工资', '没发工资', '工资没发', '欠工资', '欠我工资', '不给钱', '克扣', '辞退赔偿', '工伤',
  '泄露', '隐私', '曝光',
  '贿赂', '红包', '走后门', '关系户', '腐败',
  '上访', '信访', '拆迁', '征收补偿', '违建',
  '自杀', '不想活', '救命',
  '驳回', '不通过', '没通过', '没批下来', '被拒', '不予受理', '不给办', '不给我办', '拒绝办理', '刁难', '故意拖', '推诿',
  '没到账', '未到账', '没收到', '还没到', '还没批', '还没下来', '还没有下来', '一直没', '一直不', '迟迟', '扣错', '算错', '少交', '漏交', '多扣', '少了', '错了', '不对',
  '我的申请', '我的办件', '我的材料', '我的案子',
  // A case of one's own already under way: only its record can say what happens next.
  '审核中', '还在审核', '一直显示', '显示审核', '断缴', '停发了', '被停发',
] as const;

/** A request for a person (besides any KB rule saying so). */
export const HUMAN_REQUEST = /转人工|人工客服|人工服务(?!(?:的)?时间|几点)|找人工|真人(?!认证|实名|秀|版)|找个人|找人问|要人工|工作人员联系|人工坐席|接人工|客服在吗/;

/** Off-topic subjects a government assistant must not pretend to answer. */
export const OFF_TOPIC = /天气|下雨|下雪|刮风|气温|几度|股票|彩票|点外卖|外卖(?:到|送|订单|怎么还没)|快递单号|电影|游戏|笑话|唱歌|写作业|作文|写(?:一)?首诗|写诗|作诗|写(?:一)?篇|算命|星座|比特币|炒股|菜谱|减肥|火锅|好吃的|餐厅|饭店推荐/;

/** Intents spread over a phrase (财产怎么分割, 还没寄到, 一直不给办). */
const INTENT_PATTERNS: [RegExp, string][] = [
  [/财产.{0,4}分|分.{0,3}财产|房子归谁|孩子归谁|孩子跟谁/, '财产分割'],
  [/(?:还|一直|迟迟|怎么还|到现在|至今)(?:没|未|不)(?!满|到年龄|到退休)/, '迟迟没办'],
  [/为什么.{0,12}(?:没|不|少|扣|拒|断|停)/, '为什么'],
  [/(?:写|填|登记|打|印)错/, '信息错误'],
  [/被.{0,4}(?:冒|骗|偷办|顶替)/, '冒用'],
];

/**
 * "Still not …" is a case in progress only when the citizen speaks of one (申请了, 提交, 审核 …);
 * 还没上户口 or 一直没办过 asks how to start, which an FAQ answers.
 */
const CASE_IN_PROGRESS = /申请|提交|递交|交了|交上去|报上去|办了|报了|寄|审核|受理|办理中|预约了|缴了|已经办/;

export function intentsIn(text: string): string[] {
  const words: string[] = OUT_OF_SCOPE_INTENTS.filter((w) => text.includes(w));
  for (const [re, name] of INTENT_PATTERNS) if (re.test(text) && (name !== '迟迟没办' || CASE_IN_PROGRESS.test(text))) words.push(name);
  return words;
}
