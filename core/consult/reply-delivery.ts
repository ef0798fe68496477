/**
 * What an agent reads after answering a 小程序客服消息 (`kf`) or 服务号 (`oa`) question, from the
 * state of the customer-service message the push dispatcher made of the answer. Nothing when it
 * was sent; otherwise why not, and where the answer still is.
 */
export interface ReplyDeliveryState {
  status: string;
  reason?: string | null;
  errcode?: number | null;
}

const KF_SAVED = '答复已保存在小程序“咨询”对话中';
const OA_SAVED = '答复已保存在收件箱和对话记录中';

export function replyDeliveryWarning(channel: 'kf' | 'oa', d: ReplyDeliveryState | null): string | undefined {
  if (d?.status === 'sent') return undefined;
  const saved = channel === 'kf' ? KF_SAVED : OA_SAVED;
  if (!d || d.status === 'queued' || d.status === 'claimed' || d.status === 'inflight') {
    return `答复已保存，客服消息正在发送（微信暂未确认送达，失败会自动重试）。${saved}。`;
  }
  if (d.status === 'unknown') {
    return `客服消息发送未得到微信应答，用户可能已收到，为免重复不再自动重发。${saved}。`;
  }
  if (channel === 'kf') {
    if (d.reason === 'cs-window-closed') return `群众最后一条消息已超过48小时，客服消息无法送达。${KF_SAVED}，并已生成订阅消息推送。`;
    if (d.reason === 'cs-limit-reached') return `48小时内已向该群众发送5条客服消息，达到微信上限。${KF_SAVED}，并已生成订阅消息推送。`;
    return `客服消息发送失败（${d.errcode ?? d.reason ?? '未知原因'}），${KF_SAVED}。`;
  }
  if (d.reason === 'oa-not-configured') {
    return `该提问来自服务号，但本环境未配置服务号 AppID/AppSecret（WX_OA_APPID / WX_OA_SECRET），答复无法自动送达。${OA_SAVED}，请在服务号后台“客服消息”中回复。`;
  }
  if (d.reason === 'cs-window-closed') return `服务号用户最后一条消息已超过48小时，客服消息无法送达。${OA_SAVED}，用户再次发消息后可在服务号后台回复。`;
  if (d.reason === 'cs-limit-reached') return `已向该服务号用户连续发送多条客服消息，达到微信上限，需等待用户回复。${OA_SAVED}。`;
  return `服务号客服消息发送失败（${d.errcode ?? d.reason ?? '未知原因'}）。${OA_SAVED}，请在服务号后台“客服消息”中回复。`;
}
