import type { Level, TargetType } from '@core/evaluation/model'

export const EVALUATION_ROUTES = {
  pending: '/packages/evaluation/pages/pending/index',
  rate: '/packages/evaluation/pages/rate/index',
  publicity: '/packages/evaluation/pages/publicity/index',
} as const

export function rateUrl(targetType: TargetType, targetId: string, title: string): string {
  return `${EVALUATION_ROUTES.rate}?targetType=${targetType}&targetId=${encodeURIComponent(targetId)}&title=${encodeURIComponent(title)}`
}

export function followUpUrl(ratingId: string, title: string): string {
  return `${EVALUATION_ROUTES.rate}?ratingId=${encodeURIComponent(ratingId)}&title=${encodeURIComponent(title)}`
}

export const stars = (level: Level | number) => '★'.repeat(level) + '☆'.repeat(5 - level)

/** A fresh idempotency key per rating attempt (a retried submit reuses it). */
export function newRequestId(): string {
  return `rate-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}
