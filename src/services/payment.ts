/**
 * 缴费 on the client: `pay.prepay` → WeChat's payment sheet → `pay.sync`. The sheet's answer is
 * never the truth (`fail cancel` can also be a parameter error): the bill as synced from WeChat
 * Pay is. In the H5 preview there is no WeChat: an imitation sheet (the page's) stands in, and
 * its choice goes to the preview gateway, which makes the WeChat Pay emulator pay and notify.
 */
import Taro from '@tarojs/taro'
import type { BillView, PaymentParamsView } from '@core/api'
import { callCloud, type ClientEnvelope } from './cloud-client'
import { isLocalPreview, localIdentity } from './identity'

export type SheetChoice = 'success' | 'cancel' | 'insufficient'

/** Whether the page must show the imitation sheet (H5 preview) instead of WeChat's. */
export const usesImitationSheet = process.env.TARO_ENV !== 'weapp'

export function newRequestId(): string {
  return `pay-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

export function prepay(id: string, requestId: string) {
  return callCloud('pay', 'prepay', { id, requestId })
}

/** WeChat's own sheet (weapp). Resolves whatever the user did; the caller syncs afterwards. */
export async function wechatSheet(payment: PaymentParamsView): Promise<string> {
  try {
    await Taro.requestPayment({ ...payment, signType: 'RSA' } as Parameters<typeof Taro.requestPayment>[0])
    return 'ok'
  } catch (e) {
    return String((e as { errMsg?: string }).errMsg ?? 'fail')
  }
}

/** The imitation sheet's choice, sent to the preview's WeChat Pay emulator. Returns its message. */
export async function answerImitationSheet(outTradeNo: string, choice: SheetChoice): Promise<{ ok: boolean; message: string }> {
  if (choice === 'cancel') return { ok: false, message: '已取消支付' }
  if (!isLocalPreview) return { ok: false, message: '当前环境不支持模拟支付' }
  try {
    const res = await fetch('/api/local/pay/confirm', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-openid': localIdentity.get() },
      body: JSON.stringify({ outTradeNo, outcome: choice }),
    })
    const body = (await res.json()) as { ok: boolean; message?: string; data?: { message: string } }
    return body.ok ? { ok: true, message: body.data?.message ?? '支付成功' } : { ok: false, message: body.message ?? '支付失败' }
  } catch {
    return { ok: false, message: '网络异常，请稍后重试' }
  }
}

export function syncBill(id: string): Promise<ClientEnvelope<BillView>> {
  return callCloud('pay', 'sync', { id })
}

/** The citizen's bill page (pay, result, receipt). */
export function billPageUrl(id: string): string {
  return `/packages/pay/pages/bill/index?id=${encodeURIComponent(id)}`
}

export function yuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`
}
