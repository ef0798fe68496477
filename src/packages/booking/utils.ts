import type { BookingStatus } from '@core/booking/model'
import qrcode from 'qrcode-generator'

export const BOOKING_ROUTES = {
  book: '/packages/booking/pages/book/index',
  detail: '/packages/booking/pages/detail/index',
  mine: '/packages/booking/pages/mine/index',
} as const

export function bookUrl(matterId: string, matterName: string): string {
  return `${BOOKING_ROUTES.book}?matterId=${encodeURIComponent(matterId)}&name=${encodeURIComponent(matterName)}`
}

export function detailUrl(id: string): string {
  return `${BOOKING_ROUTES.detail}?id=${encodeURIComponent(id)}`
}

/** `12月3日 周四` */
export function dateLabel(date: string, weekday?: string): string {
  const text = `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
  return weekday ? `${text} ${weekday}` : text
}

export function timeOf(iso: string): string {
  // Asia/Shanghai wall clock whatever the phone's zone.
  const d = new Date(Date.parse(iso) + 8 * 3600_000)
  return `${String(d.getUTCMonth() + 1)}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
}

export const STATUS_BADGE: Record<BookingStatus, string> = {
  booked: 'badge',
  checkedIn: 'badge badge--success',
  cancelled: 'badge badge--warning',
  noShow: 'badge badge--accent',
}

/** A fresh id for one booking attempt: retrying the same attempt reuses it (the server is idempotent on it). */
export function newRequestId(): string {
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

/** The QR code's module matrix (true = dark), rendered as Views so weapp and h5 draw it alike. */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const n = qr.getModuleCount()
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)))
}

/** Digits in groups of four, easier to read aloud at the counter. */
export function spacedCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ')
}
