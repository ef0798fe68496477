/**
 * Service objects of government matters (证照, 社保, 公积金, 户籍 …) and the salient things people ask
 * about them (密码, 利率, 签证 …), each with its colloquial forms. Generic Chinese of the domain, not
 * any base's wording; staff extend it as data. The engine compares the objects of a message with
 * those of the best FAQ: a message naming no object at all ("材料都要带哪些") or an object the FAQ
 * never mentions ("社保卡密码忘了" against 社保卡补领) is not answered directly.
 */

/** canonical name → forms (after fold + colloquial normalisation). */
export const SERVICE_OBJECTS: Record<string, string[]> = {
  身份证: ['身份证', '二代证', '居民身份证', '身份证件'],
  临时身份证: ['临时身份证', '临时的身份证', '临时证'],
  户口: ['户口', '户籍', '户口本', '户口簿', '落户', '上户', '迁户', '户籍关系'],
  护照: ['护照', '出国的证', '出国用的本', '出国证件'],
  港澳通行证: ['港澳通行证', '往来港澳', '去香港', '去澳门', '往来香港', '往来澳门', '港澳证'],
  台湾通行证: ['台湾通行证', '往来台湾', '台胞证', '去台湾'],
  签证: ['签证', '面签'],
  签注: ['签注'],
  驾驶证: ['驾照', '驾驶证', '驾驶本', '驾证', '机动车驾驶证', '机动车驾驶人', '驾驶资格', '开车的本', '开车的证', '驾驶执照'],
  机动车: ['机动车', '小轿车', '私家车', '二手车', '汽车', '车辆', '摩托车', '电动车'],
  行驶证: ['行驶证', '行车证'],
  社保: ['社保', '社会保险', '养老保险', '参保'],
  社保卡: ['社保卡', '社会保障卡'],
  医保: ['医保', '医疗保险', '医疗保障', '看病的保险'],
  公积金: ['公积金', '住房资金', '公积金账户'],
  养老金: ['养老金', '退休金'],
  失业: ['失业', '无业', '待业', '没工作', '丢了工作'],
  不动产: ['房产证', '不动产', '房本', '产权证', '房产', '红本', '产证', '房屋产权'],
  营业执照: ['营业执照', '执照'],
  个体户: ['个体户', '个体工商户', '开个店', '开个小店', '开店', '铺子', '门面', '小门面', '门脸', '摊位', '小卖部'],
  // The company as the thing registered or closed; 公司 alone is mostly the employer (公司派我去,
  // 被公司辞退, 公司给交社保): context, not what is asked about.
  公司: ['开公司', '注册公司', '公司注册', '成立公司', '注销公司', '公司注销', '企业注销', '开个公司', '开家公司', '开一家公司', '有限公司', '企业', '关公司', '公司关掉', '公司开不下去', '公司干不下去', '公司不开了', '公司不做了'],
  个税: ['个税', '个人所得税', '报税', '交税', '纳税'],
  结婚: ['结婚', '领证', '扯证'],
  离婚: ['离婚'],
  居住证: ['居住证', '暂住证'],
  残疾: ['残疾'],
  低保: ['低保', '最低生活保障', '生活救助', '兜底'],
  上学: ['上学', '入学', '小学', '学位', '读书', '义务教育', '念书'],
  升学考试: ['中考', '高考', '考研'],
  密码: ['密码'],
  利率: ['利率', '利息'],
  积分: ['积分'],
  死亡: ['去世', '死亡', '过世', '身故'],
  停车: ['停车费', '停车场'],
  物业: ['物业'],
  狗证: ['狗证', '养犬', '犬证', '养狗', '养了条狗', '养了只狗', '宠物'],
  保障房: ['廉租房', '公租房', '保障房', '保障性住房', '经适房', '经济适用房', '人才公寓', '安置房'],
  生育: ['生育津贴', '生育保险', '生育金', '产假工资', '产假'],
};

/** A finder of the canonical names whose forms occur in a text, longest forms first (临时身份证 is not also 身份证). */
function finder(lexicon: Record<string, string[]>): (text: string) => Set<string> {
  const forms = Object.entries(lexicon)
    .flatMap(([name, fs]) => fs.map((f) => [f, name] as [string, string]))
    .sort((x, y) => y[0].length - x[0].length);
  return (text) => {
    const out = new Set<string>();
    let rest = text;
    for (const [form, name] of forms) {
      if (!rest.includes(form)) continue;
      out.add(name);
      rest = rest.split(form).join('\u0000');
    }
    return out;
  };
}

/** Objects named in a text. */
export const objectsIn = finder(SERVICE_OBJECTS);

/** What is done to an object (首次申领, 补领, 换领, 迁入, 提取, 转移, 查询, 注销 …), with colloquial forms. */
export const SERVICE_ACTIONS: Record<string, string[]> = {
  首次申领: ['首次', '第一次', '初次', '新办', '没办过', '从来没办', '申领', '办一张', '办个'],
  补领: ['补领', '补办', '补证', '补卡', '补一张', '补一个', '丢了', '丢失', '遗失', '掉了', '弄丢', '不见了', '找不到', '被偷', '挂失', '重新办', '再办一个', '重新申领', '补发', '重新弄'],
  换领: ['换领', '换证', '换新', '换发', '换一张', '换卡', '到期', '过期', '期满', '快到期', '更换', '换一个', '换个新', '届满', '满期'],
  迁入: ['迁入', '迁移', '迁过来', '迁到', '落户', '弄过来', '转户口', '落回', '迁回'],
  提取: ['提取', '取出', '取出来', '拿出来', '取钱', '支取', '提出来', '抵扣', '冲还', '拿出来用', '用来还', '贴补'],
  转移: ['转移', '转过来', '转到', '转入', '转出', '接过来', '并过来', '接续', '续上', '并入', '合并', '挪过来'],
  查询: ['查询', '查一下', '查下', '查看', '在哪看', '在哪查', '怎么查', '看下', '看看', '查', '打出来', '确认一下'],
  注销: ['注销', '关掉', '关闭', '不干了', '不做了', '歇业'],
  缴费: ['缴费', '缴纳', '交钱', '续费', '补缴', '交费'],
  报销: ['报销', '报回来', '报账'],
  备案: ['备案'],
  认证: ['认证', '刷脸', '验证'],
  预约: ['预约', '约个', '约时间', '挂号', '取号'],
  登记: ['登记', '申报'],
  贷款: ['贷款', '借钱', '可贷', '额度'],
  领取: ['领取', '申领', '领钱', '能领', '发放', '发钱'],
};

/** Actions named in a text. */
export const actionsIn = finder(SERVICE_ACTIONS);
