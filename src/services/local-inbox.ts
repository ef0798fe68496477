/**
 * 微信消息 of the H5 local preview: the subscription messages the local cloud's openapi sink
 * recorded for one openid (`GET /api/local/inbox`, served by the preview gateway only).
 */
export interface SinkRecord {
  api: string
  touser: string
  payload: { templateId?: string; page?: string; data?: Record<string, { value: string }> }
  at: string
}

export async function loadLocalInbox(openid: string): Promise<SinkRecord[]> {
  const res = await fetch(`/api/local/inbox?openid=${encodeURIComponent(openid)}`)
  return (await res.json()) as SinkRecord[]
}
