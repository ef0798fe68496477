import { requestSubscribe } from '@/services/subscribe'

/**
 * Called from the 转人工 tap itself (WeChat shows the subscription dialog only from a tap): asks
 * for the one-time 咨询答复提醒 (`consultReply`), so the staff reply can also arrive as a
 * subscription message. The reply always appears in the chat, whatever the answer.
 */
export function askHuman(): void {
  requestSubscribe(['consultReply']).catch(() => undefined)
}
