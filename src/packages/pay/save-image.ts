/**
 * The one platform adapter for 保存为图片: paint a drawing on a canvas and save it.
 * - weapp: the page's hidden `<Canvas type='2d'>` (found by its id), canvasToTempFilePath, then
 *   saveImageToPhotosAlbum (WeChat asks for the 相册 permission the first time; a refusal is
 *   answered with a way to the settings page).
 * - h5 (preview and browsers): an off-document canvas, downloaded as a PNG file.
 */
import Taro from '@tarojs/taro'
import { paintReceipt, type Paintable, type ReceiptDrawing } from './receipt-drawing'

export type SaveResult = { ok: true; message: string } | { ok: false; message: string }

/** The id of the page's canvas (weapp only; h5 needs none). */
export const RECEIPT_CANVAS_ID = 'pay-receipt-canvas'

/** Whether the page must render the hidden Canvas 2D component the weapp adapter draws on. */
export const needsPageCanvas = process.env.TARO_ENV === 'weapp'

interface Canvas2D {
  width: number
  height: number
  getContext(type: '2d'): Paintable & { scale(x: number, y: number): void }
}

function pageCanvas(): Promise<Canvas2D | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery().select(`#${RECEIPT_CANVAS_ID}`).fields({ node: true, size: true }).exec((res: { node?: Canvas2D }[]) => {
      resolve(res?.[0]?.node ?? null)
    })
  })
}

async function saveOnWeapp(d: ReceiptDrawing): Promise<SaveResult> {
  const canvas = await pageCanvas()
  if (!canvas) return { ok: false, message: '生成图片失败，请稍后重试' }
  const ratio = Math.min(Taro.getWindowInfo?.().pixelRatio ?? 2, 2)
  canvas.width = d.width * ratio
  canvas.height = d.height * ratio
  const ctx = canvas.getContext('2d')
  ctx.scale(ratio, ratio)
  paintReceipt(ctx, d)
  try {
    const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as unknown as Taro.Canvas, fileType: 'png' })
    await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
    return { ok: true, message: '票据图片已保存到相册' }
  } catch (e) {
    const msg = String((e as { errMsg?: string }).errMsg ?? '')
    if (/cancel/.test(msg)) return { ok: false, message: '已取消保存' }
    if (/auth|deny|denied/.test(msg)) {
      const go = await Taro.showModal({ title: '需要相册权限', content: '请在设置中允许“保存到相册”后再保存票据图片', confirmText: '去设置' })
      if (go.confirm) await Taro.openSetting()
      return { ok: false, message: '未获得相册权限，票据图片未保存' }
    }
    return { ok: false, message: '保存失败，请稍后重试' }
  }
}

function saveOnH5(d: ReceiptDrawing, fileName: string): SaveResult {
  const canvas = document.createElement('canvas')
  canvas.width = d.width
  canvas.height = d.height
  const ctx = canvas.getContext('2d')
  if (!ctx) return { ok: false, message: '当前浏览器不支持生成图片' }
  paintReceipt(ctx, d)
  const a = document.createElement('a')
  a.href = canvas.toDataURL('image/png')
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  return { ok: true, message: '票据图片已下载' }
}

export async function saveDrawingAsImage(d: ReceiptDrawing, fileName: string): Promise<SaveResult> {
  return process.env.TARO_ENV === 'weapp' ? saveOnWeapp(d) : saveOnH5(d, fileName)
}
