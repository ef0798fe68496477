/**
 * Service objects of government matters (证照, 社保, 公积金, 户籍 …) and the salient things people ask
 * about them (密码, 利率, 签证 …), each with its colloquial forms. Generic Chinese of the domain, not
 * any base's wording; staff extend it as data. The engine compares the objects of a message with
 * those of the best FAQ: a message naming no object at all ("材料都要带哪些") or an object the FAQ
 * never mentions ("社保卡密码忘了" against 社保卡补领) is not answered directly.
 */

/** canonical name → forms (after fold + colloquial normalisation). */
export const SERVICE_OBJECTS: Record<string, string[]> = {
  身份证: ['身份证', '二代证', '居民身份证'],
  临时身份证: ['临时身份证', '临时的身份证', '临时证'],
  户口: ['户口', '户籍', '户口本', '户口簿', '落户', '上户', '迁户'],
  护照: ['护照'],
  港澳通行证: ['港澳通行证', '往来港澳', '去香港', '去澳门'],
  台湾通行证: ['台湾通行证', '往来台湾', '台胞证', '去台湾'],
  签证: ['签证', '面签'],
  签注: ['签注'],
  驾驶证: ['驾照', '驾驶证', '驾驶本', '驾证'],
  机动车: ['机动车', '小轿车', '私家车', '二手车', '汽车', '车辆', '摩托车', '电动车'],
  社保: ['社保', '社会保险', '养老保险', '参保'],
  社保卡: ['社保卡', '社会保障卡'],
  医保: ['医保', '医疗保险'],
  公积金: ['公积金'],
  养老金: ['养老金', '退休金'],
  失业: ['失业'],
  不动产: ['房产证', '不动产', '房本', '产权证', '房产'],
  营业执照: ['营业执照', '执照'],
  个体户: ['个体户', '个体工商户'],
  公司: ['公司', '企业'],
  个税: ['个税', '个人所得税', '报税', '交税', '纳税'],
  结婚: ['结婚', '领证', '扯证'],
  离婚: ['离婚'],
  居住证: ['居住证', '暂住证'],
  残疾: ['残疾'],
  低保: ['低保', '最低生活保障'],
  上学: ['上学', '入学', '小学', '学位', '读书'],
  升学考试: ['中考', '高考', '考研'],
  密码: ['密码'],
  利率: ['利率', '利息'],
  积分: ['积分'],
  死亡: ['去世', '死亡', '过世', '身故'],
  停车: ['停车费', '停车场'],
  物业: ['物业'],
  狗证: ['狗证', '养犬', '犬证'],
};

const FORMS: [string, string][] = Object.entries(SERVICE_OBJECTS)
  .flatMap(([name, forms]) => forms.map((f) => [f, name] as [string, string]))
  .sort((a, b) => b[0].length - a[0].length);

/** Objects named in a text, longest forms first (临时身份证 is not also 身份证). */
export function objectsIn(text: string): Set<string> {
  const out = new Set<string>();
  let rest = text;
  for (const [form, name] of FORMS) {
    if (!rest.includes(form)) continue;
    out.add(name);
    rest = rest.split(form).join('\u0000');
  }
  return out;
}
