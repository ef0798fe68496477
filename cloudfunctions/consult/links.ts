/**
 * 服务号 followers and mini-program users are different openids of one person when both accounts
 * are bound to the same WeChat open platform account: the UNIONID joins them. A mini-program user's
 * UNIONID is recorded (from `getWXContext()` only, never from a message) when they use 智能咨询;
 * a follower's comes with their messages or the follower sync (`oa_followers`).
 */
import { getCloud, getDb } from '../shared/cloud';
import { OA_FOLLOWERS as FOLLOWERS } from '../shared/collections';

export const LINKS = 'consult_links';
/** 服务号 followers, written by the 服务号 entry and the follower sync. */

/** What an unlinked follower is told when they ask about their own case. */
export const LINK_HOWTO = '查询本人办件和预约进度，需要先关联小程序：请在微信中打开本市政务服务小程序，进入“智能咨询”页面一次，之后在服务号里就能直接查询。也可以在小程序“我的办件”“我的预约”中查看。';

/** The caller's UNIONID (when WeChat provides one) → their mini-program openid. */
export async function rememberUnionid(openid: string): Promise<void> {
  const unionid = getCloud().getWXContext().UNIONID;
  if (!unionid) return;
  const _ = getDb().command;
  const { data } = await getDb().collection<{ openid: string }>(LINKS).where({ _id: _.eq(unionid) }).limit(1).get();
  if (data[0]?.openid === openid) return;
  await getDb().collection(LINKS).doc(unionid).set({ data: { openid, at: new Date().toISOString() } });
}

/** The mini-program openid of a 服务号 follower, or null when they are not linked. */
export async function linkedOpenid(oaOpenid: string): Promise<string | null> {
  const _ = getDb().command;
  const { data: followers } = await getDb().collection<{ unionid?: string }>(FOLLOWERS).where({ _id: _.eq(oaOpenid) }).limit(1).get();
  const unionid = followers[0]?.unionid;
  if (!unionid) return null;
  const { data: links } = await getDb().collection<{ openid: string }>(LINKS).where({ _id: _.eq(unionid) }).limit(1).get();
  return links[0]?.openid ?? null;
}
