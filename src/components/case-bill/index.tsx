/**
 * A case's bill on the case pages. Citizen: 待缴费 with the items, total and deadline and a
 * 去缴费 button (to the bill page). Staff: the bill and payment state, 开具缴费单 (guide's fixed
 * fees, or items entered when the fee is not fixed), 减免 with a reason, 退费 (full or partial, in 元 entered, sent in 分).
 */
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { shanghaiDateTime } from '@core/shanghai-time'
import { STATUS_LABEL } from '@core/pay/machine'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { callCloud } from '@/services/cloud-client'
import type { ResultOf } from '@core/api'
import { billPageUrl, newRequestId, yuan } from '@/services/payment'
import { fixedBill } from '@core/pay/fees'
import { isPayable } from '@core/pay/next-step'
import { FeeItemsForm } from './fee-items'

type CaseBill = ResultOf<'pay', 'forCase'>

export const openBillPage = (billId: string) => Taro.navigateTo({ url: billPageUrl(billId) })

/** The case's next step while its bill is unpaid: the same wording as the personal assistant's card. */
export { caseNextPay } from '@core/pay/next-step'

export function CitizenBillCard({ bill }: { bill: CaseBill | undefined }) {
  if (!bill) return null
  const payable = isPayable(bill)
  return (
    <View className='section case-bill'>
      <View className='section__title'>缴费：<Text className='case-bill__status'>{STATUS_LABEL[bill.status]}</Text></View>
      {bill.items.map((i) => <View key={i.name} className='kv'><Text className='kv__key'>{i.name}</Text><Text className='kv__value'>{yuan(i.amountFen)}</Text></View>)}
      <View className='kv'><Text className='kv__key'>合计</Text><Text className='kv__value'>{yuan(bill.totalFen)}</Text></View>
      {payable && bill.expiresAt && <View className='kv'><Text className='kv__key'>缴费期限</Text><Text className='kv__value'>{shanghaiDateTime(bill.expiresAt)}前</Text></View>}
      <View className={payable ? 'btn btn--primary btn--block case-bill-pay' : 'btn btn--block case-bill-open'} onClick={() => openBillPage(bill.id)}>
        {payable ? '去缴费' : bill.receipt ? '查看票据' : '查看缴费单'}
      </View>
    </View>
  )
}

/**
 * A case being handled without a bill. Fixed fees: one tap bills the guide's amounts. Fees that are
 * not fixed: staff enter the items (FeeItemsForm). Either way 办结 waits for the bill to be settled.
 */
function UnbilledPanel({ applicationId, matterId, onBilled }: { applicationId: string; matterId: string; onBilled: () => void }) {
  const matter = useCloudQuery('matters', 'get', { id: matterId })
  const [message, setMessage] = useState('')
  const fees = matter.data?.fees
  if (!fees) return null
  if (!fees.charged || !fees.onlinePayment || fees.items.length === 0) return null
  const issue = async (items?: { name: string; amountFen: number }[]) => {
    const res = await callCloud('pay', 'bill', { applicationId, ...(items ? { items } : {}) })
    setMessage(res.ok ? '已开具缴费单' : res.message)
    if (res.ok) onBilled()
  }
  const fixed = fixedBill(fees.items) !== null
  return (
    <View className='section case-bill'>
      <View className='section__title'>缴费：<Text className='case-bill__status'>未开具</Text></View>
      {fixed ? (
        <>
          <View className='muted'>尚未开具缴费单（收费标准固定的事项在受理时自动开具）。</View>
          <View className='btn btn--block case-bill-issue' onClick={() => issue()}>按办事指南开具缴费单</View>
        </>
      ) : (
        <>
          <View className='muted case-bill-variable'>本事项收费标准不固定：请按办事指南选择收费项目、填写金额后开具缴费单；缴费或减免后才能办结。</View>
          <FeeItemsForm fees={fees.items.map((f) => ({ name: f.name, standard: f.standard }))} onSubmit={issue} />
        </>
      )}
      {message && <View className='error-text'>{message}</View>}
    </View>
  )
}

const toFen = (v: string) => Math.round(Number(v) * 100)

export function StaffBillPanel({ applicationId, matterId, billable }: { applicationId: string; matterId: string; billable: boolean }) {
  const q = useCloudQuery('pay', 'forCase', { applicationId })
  const [reason, setReason] = useState('')
  const [amount, setAmount] = useState('')
  const [message, setMessage] = useState('')
  const bill = q.data
  const done = (res: { ok: boolean; message?: string }, ok: string) => {
    setMessage(res.ok ? ok : res.message ?? '操作失败')
    if (res.ok) q.reload()
  }
  if (q.data === undefined && !q.error) return null
  if (!bill) return billable ? <UnbilledPanel applicationId={applicationId} matterId={matterId} onBilled={() => q.reload()} /> : null
  const refundable = (bill.status === 'paid' || bill.status === 'refunding') && bill.paidFen > bill.refundedFen
  return (
    <View className='section case-bill'>
      <View className='section__title'>缴费：<Text className='case-bill__status'>{STATUS_LABEL[bill.status]}</Text></View>
      {bill.items.map((i) => <View key={i.name} className='kv'><Text className='kv__key'>{i.name}</Text><Text className='kv__value'>{yuan(i.amountFen)}</Text></View>)}
      <View className='kv'><Text className='kv__key'>合计</Text><Text className='kv__value'>{yuan(bill.totalFen)}</Text></View>
      {bill.paidFen > 0 && <View className='kv'><Text className='kv__key'>已缴</Text><Text className='kv__value'>{yuan(bill.paidFen)}</Text></View>}
      {bill.refundedFen > 0 && <View className='kv'><Text className='kv__key'>已退</Text><Text className='kv__value'>{yuan(bill.refundedFen)}</Text></View>}
      {bill.receipt && <View className='kv'><Text className='kv__key'>票据号码</Text><Text className='kv__value'>{bill.receipt.code}-{bill.receipt.number}</Text></View>}
      {bill.waiver && <View className='kv'><Text className='kv__key'>减免原因</Text><Text className='kv__value'>{bill.waiver.reason}</Text></View>}
      {(bill.status === 'unpaid' || refundable) && (
        <Input className='field__input case-bill-reason' value={reason} onInput={(e) => setReason(e.detail.value)} placeholder={bill.status === 'unpaid' ? '减免原因' : '退费原因（如 不予受理、撤回、误收）'} />
      )}
      {bill.status === 'unpaid' && (
        <View className='btn btn--block case-bill-waive' onClick={async () => done(await callCloud('pay', 'waive', { id: bill.id, reason }), '已减免')}>减免</View>
      )}
      {refundable && (
        <>
          <Input className='field__input case-bill-amount' type='digit' value={amount} onInput={(e) => setAmount(e.detail.value)} placeholder={`退费金额（元，最多${((bill.paidFen - bill.refundedFen) / 100).toFixed(2)}）`} />
          <View className='btn btn--danger btn--block case-bill-refund' onClick={async () => done(await callCloud('pay', 'refund', { id: bill.id, amountFen: toFen(amount), reason, requestId: newRequestId() }), '已提交退费，到账后自动更新')}>退费</View>
        </>
      )}
      {message && <View className='case-bill__message'>{message}</View>}
    </View>
  )
}
