/**
 * The 财政电子票据 as a picture: a pure layout (what text goes where, the two seals) and one
 * painter over the standard CanvasRenderingContext2D calls, which WeChat's Canvas 2D and the
 * browser's canvas both implement. No platform code here: save-image.ts gets the canvas and saves.
 */
import type { ReceiptView } from '@core/api'
import { shanghaiDateTime } from '@core/shanghai-time'

export interface DrawnText {
  text: string
  x: number
  y: number
  size: number
  bold?: boolean
  color?: string
  align?: 'left' | 'center' | 'right'
}

export interface DrawnSeal {
  x: number
  y: number
  radius: number
  text: string
}

export interface ReceiptDrawing {
  width: number
  height: number
  texts: DrawnText[]
  /** Horizontal rules, as y positions across the body. */
  rules: number[]
  seals: DrawnSeal[]
}

/** The subset of CanvasRenderingContext2D the painter uses (weapp's Canvas 2D context has it too). */
export interface Paintable {
  fillStyle: string | CanvasGradient | CanvasPattern
  strokeStyle: string | CanvasGradient | CanvasPattern
  lineWidth: number
  font: string
  textAlign: CanvasTextAlign
  textBaseline: CanvasTextBaseline
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  beginPath(): void
  arc(x: number, y: number, radius: number, start: number, end: number): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  stroke(): void
}

const WIDTH = 750
const MARGIN = 48
const ROW = 56
const INK = '#1f2329'
const MUTED = '#646a73'
const SEAL_RED = '#d93026'
/** Values longer than this many characters wrap (a CJK glyph is about one font size wide). */
const VALUE_CHARS = 20

const money = (fen: number) => `¥${(fen / 100).toFixed(2)}`

function chunks(s: string, n: number): string[] {
  const chars = [...s]
  const out: string[] = []
  for (let i = 0; i < chars.length; i += n) out.push(chars.slice(i, i + n).join(''))
  return out.length ? out : ['']
}

export function receiptDrawing(r: ReceiptView): ReceiptDrawing {
  const texts: DrawnText[] = []
  const rules: number[] = []
  let y = 96
  texts.push({ text: r.name, x: WIDTH / 2, y, size: 36, bold: true, align: 'center' })
  y += 40
  rules.push(y)
  y += ROW
  const row = (key: string, value: string, valueColor = INK) => {
    texts.push({ text: key, x: MARGIN, y, size: 28, color: MUTED })
    chunks(value, VALUE_CHARS).forEach((line, i) => {
      texts.push({ text: line, x: WIDTH - MARGIN, y: y + i * 40, size: 28, color: valueColor, align: 'right' })
    })
    y += ROW + (chunks(value, VALUE_CHARS).length - 1) * 40
  }
  row('票据代码', r.code)
  row('票据号码', r.number)
  row('校验码', r.checkCode)
  row('开票日期', shanghaiDateTime(r.issuedAt))
  row('交款人', r.payer)
  rules.push(y - ROW / 2)
  texts.push({ text: '收费项目', x: MARGIN, y, size: 26, bold: true })
  texts.push({ text: '标准', x: WIDTH / 2, y, size: 26, bold: true, align: 'center' })
  texts.push({ text: '金额', x: WIDTH - MARGIN, y, size: 26, bold: true, align: 'right' })
  y += ROW
  for (const item of r.items) {
    const names = chunks(item.name, 10)
    names.forEach((line, i) => texts.push({ text: line, x: MARGIN, y: y + i * 36, size: 26 }))
    texts.push({ text: item.standard, x: WIDTH / 2, y, size: 24, color: MUTED, align: 'center' })
    texts.push({ text: money(item.amountFen), x: WIDTH - MARGIN, y, size: 26, align: 'right' })
    y += ROW + (names.length - 1) * 36
  }
  rules.push(y - ROW / 2)
  row('金额合计', money(r.totalFen), SEAL_RED)
  row('开票单位', r.issuer)
  const sealY = y + 90
  const seals: DrawnSeal[] = [
    { x: WIDTH - MARGIN - 300, y: sealY, radius: 80, text: r.issuer },
    { x: WIDTH - MARGIN - 100, y: sealY, radius: 80, text: r.supervisor },
  ]
  y = sealY + 130
  texts.push({ text: '凭票据代码、号码、校验码可在财政电子票据查验平台查验', x: WIDTH / 2, y, size: 22, color: MUTED, align: 'center' })
  return { width: WIDTH, height: y + 48, texts, rules, seals }
}

export function paintReceipt(ctx: Paintable, d: ReceiptDrawing): void {
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, d.width, d.height)
  ctx.textBaseline = 'middle'
  ctx.strokeStyle = '#dee0e3'
  ctx.lineWidth = 2
  for (const y of d.rules) {
    ctx.beginPath()
    ctx.moveTo(MARGIN, y)
    ctx.lineTo(d.width - MARGIN, y)
    ctx.stroke()
  }
  for (const t of d.texts) {
    ctx.font = `${t.bold ? 'bold ' : ''}${t.size}px sans-serif`
    ctx.fillStyle = t.color ?? INK
    ctx.textAlign = t.align ?? 'left'
    ctx.fillText(t.text, t.x, t.y)
  }
  for (const s of d.seals) {
    ctx.strokeStyle = SEAL_RED
    ctx.lineWidth = 4
    ctx.beginPath()
    ctx.arc(s.x, s.y, s.radius, 0, Math.PI * 2)
    ctx.stroke()
    ctx.fillStyle = SEAL_RED
    ctx.textAlign = 'center'
    ctx.font = '20px sans-serif'
    // Seal text in up to three short lines inside the circle.
    const lines = chunks(s.text, 6).slice(0, 3)
    lines.forEach((line, i) => ctx.fillText(line, s.x, s.y + (i - (lines.length - 1) / 2) * 26))
  }
}
