/**
 * 保存为图片 on the paid bill: the tap hands the platform adapter the receipt's 财政电子票据 fields
 * as drawn text; the h5 adapter paints them on a canvas and downloads a PNG.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useGatewayMock, ok } from './gateway-mock'
import { __test, showToast } from './taro-shim'
import BillPage from '@/packages/pay/pages/bill/index'
import { receiptDrawing, type ReceiptDrawing } from '@/packages/pay/receipt-drawing'
import type { ResultOf } from '@core/api'

jest.mock('@/packages/pay/save-image', () => ({
  ...jest.requireActual('@/packages/pay/save-image'),
  saveDrawingAsImage: jest.fn(async () => ({ ok: true, message: '票据图片已下载' })),
}))
const { saveDrawingAsImage } = jest.requireMock('@/packages/pay/save-image') as { saveDrawingAsImage: jest.Mock }
const realAdapter = jest.requireActual('@/packages/pay/save-image') as typeof import('@/packages/pay/save-image')

const fetchMock = useGatewayMock()
const bill: ResultOf<'pay', 'get'> = {
  id: 'P0123456789abcdef0123', applicationId: 'app-1', applicationNo: 'SQ20261207001', matterName: '居民身份证补领',
  items: [{ name: '居民身份证工本费', amountFen: 2000 }], totalFen: 2000, status: 'paid', paidFen: 2000, refundedFen: 0,
  receipt: {
    name: '非税收入统一票据（电子）', code: '99010126', number: '0000000007', checkCode: 'a1b2c3', issuedAt: '2026-12-07T02:30:00.000Z',
    payer: '张*丰', items: [{ name: '居民身份证工本费', standard: '20元/证', amountFen: 2000 }], totalFen: 2000,
    issuer: '示例市公安局', supervisor: '示例市财政局监制',
  },
}

const drawnTexts = (d: ReceiptDrawing) => [...d.texts.map((t) => t.text), ...d.seals.map((s) => s.text)]

describe('receipt 保存为图片', () => {
  beforeEach(() => saveDrawingAsImage.mockClear())

  it('tapping 保存为图片 calls the adapter once with every receipt field drawn and a named PNG', async () => {
    __test.router.params = { id: bill.id }
    fetchMock.mockImplementation(async () => ok(bill))
    render(<BillPage />)
    const button = await screen.findByText('保存为图片')
    fireEvent.click(button)
    fireEvent.click(button)
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '票据图片已下载', icon: 'success' }))
    expect(saveDrawingAsImage).toHaveBeenCalledTimes(1)
    const [drawing, fileName] = saveDrawingAsImage.mock.calls[0] as [ReceiptDrawing, string]
    expect(fileName).toBe('财政电子票据-99010126-0000000007.png')
    expect(drawnTexts(drawing)).toEqual(expect.arrayContaining([
      '非税收入统一票据（电子）', '票据代码', '99010126', '票据号码', '0000000007', '校验码', 'a1b2c3', '开票日期', '2026-12-07 10:30',
      '交款人', '张*丰', '居民身份证工本费', '20元/证', '¥20.00', '金额合计', '示例市公安局', '示例市财政局监制',
    ]))
  })

  it('the h5 adapter paints those texts on a canvas and downloads it as a PNG', async () => {
    const painted: string[] = []
    const ctx = {
      fillStyle: '', strokeStyle: '', lineWidth: 1, font: '', textAlign: 'left', textBaseline: 'alphabetic',
      fillRect: jest.fn(), fillText: (t: string) => painted.push(t), beginPath: jest.fn(), arc: jest.fn(), moveTo: jest.fn(), lineTo: jest.fn(), stroke: jest.fn(),
    }
    const getContext = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as unknown as CanvasRenderingContext2D)
    const toDataURL = jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,AAAA')
    const downloads: { href: string; download: string }[] = []
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ href: this.href, download: this.download })
    })
    try {
      const drawing = receiptDrawing(bill.receipt!)
      expect(await realAdapter.saveDrawingAsImage(drawing, '财政电子票据-99010126-0000000007.png')).toEqual({ ok: true, message: '票据图片已下载' })
      expect(painted).toEqual(expect.arrayContaining(['0000000007', '99010126', 'a1b2c3', '张*丰', '¥20.00']))
      expect(ctx.arc).toHaveBeenCalledTimes(2)
      expect(downloads).toEqual([{ href: 'data:image/png;base64,AAAA', download: '财政电子票据-99010126-0000000007.png' }])
      expect(document.querySelector('a[download]')).toBeNull()
    } finally {
      getContext.mockRestore(); toDataURL.mockRestore(); click.mockRestore()
    }
  })

  it('a browser without canvas support gets a clear message, no download', async () => {
    const getContext = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
    try {
      expect(await realAdapter.saveDrawingAsImage(receiptDrawing(bill.receipt!), 'x.png')).toEqual({ ok: false, message: '当前浏览器不支持生成图片' })
    } finally {
      getContext.mockRestore()
    }
  })
})
