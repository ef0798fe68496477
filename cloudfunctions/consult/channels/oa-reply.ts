/**
 * An agent's answer to a 服务号 follower, sent as an OA customer-service text message
 * (/cgi-bin/message/custom/send): allowed within 48 hours of the follower's last message. Sent
 * once, after the answer is committed; a failure is explained to the agent, never retried
 * blindly (the follower might already have it).
 */
import { oaCall, oaConfigured } from '../../shared/oa-api';

export type OaReplyOutcome = { ok: true } | { ok: false; code: number; message: string };

const SAVED = '答复已保存在收件箱和对话记录中';

export async function deliverOaReply(touser: string, content: string): Promise<OaReplyOutcome> {
  if (!oaConfigured()) {
    return { ok: false, code: 0, message: `该提问来自服务号，但本环境未配置服务号 AppID/AppSecret（WX_OA_APPID / WX_OA_SECRET），答复无法自动送达。${SAVED}，请在服务号后台“客服消息”中回复。` };
  }
  const r = await oaCall('/cgi-bin/message/custom/send', { touser, msgtype: 'text', text: { content } });
  if (r.errcode === 0) return { ok: true };
  if (r.errcode === 45015) return { ok: false, code: r.errcode, message: `服务号用户最后一条消息已超过48小时，客服消息无法送达。${SAVED}，用户再次发消息后可在服务号后台回复。` };
  if (r.errcode === 45047) return { ok: false, code: r.errcode, message: `已向该服务号用户连续发送多条客服消息，达到微信上限，需等待用户回复。${SAVED}。` };
  if (r.transport) return { ok: false, code: -1, message: `服务号客服消息发送未得到微信应答（${r.transport === 'timeout' ? '超时' : '网络错误'}），用户可能已收到，为免重复不再自动重发。${SAVED}。` };
  return { ok: false, code: r.errcode, message: `服务号客服消息发送失败（${r.errcode}）。${SAVED}，请在服务号后台“客服消息”中回复。` };
}
