/**
 * One bill: items, total and deadline, 去缴费 (WeChat's payment sheet, or the imitation sheet in
 * the H5 preview), the result as synced from WeChat Pay, and the 财政电子票据 once paid.
 */
import Taro, { useRouter } from '@tarojs/taro'
import { Canvas, Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { shanghaiDateTime } from '@core/shanghai-time'
import type { ReceiptView } from '@core/api'
import { STATUS_LABEL } from '@core/pay/machine'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { usePushOpen } from '@/hooks/use-push-open'
import { readParam } from '@/utils/routes'
import { answerImitationSheet, newRequestId, prepay, syncBill, usesImitationSheet, wechatSheet, yuan, type SheetChoice } from '@/services/payment'
import { receiptDrawing } from '../../receipt-drawing'
import { needsPageCanvas, RECEIPT_CANVAS_ID, saveDrawingAsImage } from '../../save-image'
import '../../pay.scss'


function Receipt({ r }: { r: ReceiptView }) {
  const rows: [string, string][] = [
    ['票据名称', r.name], ['票据代码', r.code], ['票据号码', r.number], ['校验码', r.checkCode], ['交款人', r.payer],
    ['开票日期', shanghaiDateTime(r.issuedAt)], ['开票单位', r.issuer],
  ]
  const copy = () => Taro.setClipboardData({ data: [...rows.map(([k, v]) => `${k}：${v}`), ...r.items.map((i) => `${i.name}（${i.standard}）：${yuan(i.amountFen)}`), `合计：${yuan(r.totalFen)}`].join('\n') })
  const [saving, setSaving] = useState(false)
  // A ref, not only state: a double tap lands before the re-render and must not save twice.
  const savingNow = useRef(false)
  const save = async () => {
    if (savingNow.current) return
    savingNow.current = true
    setSaving(true)
    const res = await saveDrawingAsImage(receiptDrawing(r), `财政电子票据-${r.code}-${r.number}.png`)
    savingNow.current = false
    setSaving(false)
    Taro.showToast({ title: res.message, icon: res.ok ? 'success' : 'none' })
  }
  return (
    <View className='section pay-receipt'>
      <View className='section__title'>{r.name}</View>
      {rows.map(([k, v]) => <View key={k} className='kv'><Text className='kv__key'>{k}</Text><Text className='kv__value'>{v}</Text></View>)}
      {r.items.map((i) => (
        <View key={i.name} className='kv'><Text className='kv__key'>{i.name}</Text><Text className='kv__value'>{i.standard} · {yuan(i.amountFen)}</Text></View>
      ))}
      <View className='kv'><Text className='kv__key'>金额合计</Text><Text className='kv__value pay-total'>{yuan(r.totalFen)}</Text></View>
      <View className='pay-seals'><Text className='pay-seal'>{r.issuer}</Text><Text className='pay-seal'>{r.supervisor}</Text></View>
      <View className='btn btn--primary btn--block pay-receipt-save' onClick={save}>{saving ? '正在生成图片…' : '保存为图片'}</View>
      <View className='btn btn--block pay-receipt-copy' onClick={copy}>复制票据信息</View>
      {/* weapp draws the picture on this off-screen Canvas 2D; h5 uses a canvas of its own. */}
      {needsPageCanvas && <Canvas type='2d' id={RECEIPT_CANVAS_ID} className='pay-receipt-canvas' />}
    </View>
  )
}

function ImitationSheet({ amount, onChoose }: { amount: string; onChoose: (c: SheetChoice) => void }) {
  return (
    <View className='pay-sheet' role='dialog' aria-label='模拟微信支付'>
      <View className='pay-sheet__panel'>
        <View className='pay-sheet__title'>微信支付（本地预览模拟）</View>
        <View className='pay-sheet__amount'>{amount}</View>
        <View className='btn btn--primary btn--block pay-sheet-confirm' onClick={() => onChoose('success')}>确认支付</View>
        <View className='btn btn--block pay-sheet-insufficient' onClick={() => onChoose('insufficient')}>模拟余额不足</View>
        <View className='btn btn--block pay-sheet-cancel' onClick={() => onChoose('cancel')}>取消</View>
      </View>
    </View>
  )
}

export default function BillPage() {
  const { params } = useRouter()
  const id = readParam(params.id)
  usePushOpen()
  const q = useCloudQuery('pay', 'get', { id }, { enabled: !!id })
  const bill = q.data
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')
  const [sheet, setSheet] = useState<string | null>(null)
  // One requestId per tap sequence: a double tap is the same prepay.
  const requestId = useRef(newRequestId())

  const finish = async (sheetMessage: string) => {
    const synced = await syncBill(id)
    setBusy(false)
    setSheet(null)
    requestId.current = newRequestId()
    if (!synced.ok) { setMessage(synced.message); return }
    setMessage(synced.data.status === 'paid' ? '缴费成功' : sheetMessage || '尚未支付成功，可再次缴费')
    q.reload()
  }

  const pay = async () => {
    if (busy) return
    setBusy(true)
    setMessage('')
    const res = await prepay(id, requestId.current)
    if (!res.ok) { setBusy(false); setMessage(res.message); q.reload(); return }
    if (usesImitationSheet) { setSheet(res.data.outTradeNo); return }
    const result = await wechatSheet(res.data.payment)
    // `fail cancel`: the order stays open at WeChat Pay; the sync shows the bill 待缴费 and 去缴费 reuses it.
    await finish(result === 'ok' ? '' : /cancel/.test(result) ? '已取消支付，可再次去缴费' : '支付未完成')
  }

  const choose = async (choice: SheetChoice) => {
    const outTradeNo = sheet
    if (!outTradeNo) return
    const answer = await answerImitationSheet(outTradeNo, choice)
    await finish(answer.ok ? '' : answer.message)
  }

  const payable = bill && (bill.status === 'unpaid' || bill.status === 'paying')
  return (
    <PageShell className='pay-bill'>
      <LoadState error={q.error} hasData={!!bill} onRetry={q.reload}>
        {bill && (
          <>
            <View className='section'>
              <View className='affairs-head'>
                <Text className='affairs-title'>{bill.matterName}</Text>
                <Text className='badge pay-status'>{STATUS_LABEL[bill.status]}</Text>
              </View>
              <View className='kv'><Text className='kv__key'>办件编号</Text><Text className='kv__value'>{bill.applicationNo}</Text></View>
              {bill.items.map((i) => <View key={i.name} className='kv pay-item'><Text className='kv__key'>{i.name}</Text><Text className='kv__value'>{yuan(i.amountFen)}</Text></View>)}
              <View className='kv'><Text className='kv__key'>合计</Text><Text className='kv__value pay-total'>{yuan(bill.totalFen)}</Text></View>
              {payable && bill.expiresAt && <View className='kv'><Text className='kv__key'>缴费期限</Text><Text className='kv__value'>{shanghaiDateTime(bill.expiresAt)}前</Text></View>}
              {bill.refundedFen > 0 && <View className='kv'><Text className='kv__key'>已退费</Text><Text className='kv__value'>{yuan(bill.refundedFen)}</Text></View>}
              {bill.waiver && <View className='kv'><Text className='kv__key'>减免原因</Text><Text className='kv__value'>{bill.waiver.reason}</Text></View>}
            </View>
            {message && <View className='section pay-message' role='status'>{message}</View>}
            {payable && <View className='section'><View className='btn btn--primary btn--block pay-go' onClick={pay}>{busy ? '正在发起支付…' : '去缴费'}</View></View>}
            {bill.receipt && <Receipt r={bill.receipt} />}
            {sheet && <ImitationSheet amount={yuan(bill.totalFen)} onChoose={choose} />}
          </>
        )}
      </LoadState>
    </PageShell>
  )
}
