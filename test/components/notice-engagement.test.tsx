/**
 * 通知公告 detail: the read is recorded on open (with the share token the link carried), 点赞
 * toggles through push.noticeLike and shows the server's count, and the browser preview offers
 * 复制链接 with the share token instead of WeChat's forward menu.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import NoticePage from '@/packages/push/pages/notice/index'
import { withShareToken } from '@/packages/push/utils'
import { __test, setClipboardData } from './taro-shim'
import { bodyOf, ok, useGatewayMock } from './gateway-mock'

const fetchMock = useGatewayMock()
const NOTICE = {
  id: 'ntc1', title: '关于调整办公时间的通知', body: '<p>自7月1日起执行夏季作息</p>', images: [], summary: '自7月1日起执行夏季作息',
  publisher: '示例市政务服务中心', publishedAt: '2026-06-20T02:00:00.000Z', reads: 41, likes: 3, liked: false, shares: 2,
}
const calls = (action: string) => fetchMock.mock.calls.map(bodyOf).filter((b) => b.action === action).map((b) => b.params)

function serve(over: Record<string, (p: Record<string, unknown>) => unknown> = {}) {
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action, params } = JSON.parse(init.body)
    if (over[action]) return ok(over[action](params))
    if (action === 'notice') return ok(NOTICE)
    if (action === 'noticeRead') return ok({ reads: 42, recorded: true })
    return ok(null)
  })
}

it('records the read with the share token it was opened from and shows the new 阅读 count', async () => {
  __test.router.params = { id: 'ntc1', share: 'abcdefabcdefabcdefabcdef' }
  serve()
  render(<NoticePage />)
  await screen.findByText('阅读 42')
  expect(calls('noticeRead')).toEqual([{ id: 'ntc1', from: 'abcdefabcdefabcdefabcdef' }])
})

it('tapping 点赞 sends the like and shows the count the server returns; tapping again takes it back', async () => {
  __test.router.params = { id: 'ntc1' }
  serve({ noticeLike: (p) => (p.like ? { likes: 4, liked: true } : { likes: 3, liked: false }) })
  render(<NoticePage />)
  fireEvent.click(await screen.findByText('点赞 3'))
  await screen.findByText('已赞 4')
  expect(calls('noticeLike')).toEqual([{ id: 'ntc1', like: true }])
  expect(calls('noticeRead')).toEqual([{ id: 'ntc1' }])
  fireEvent.click(screen.getByText('已赞 4'))
  await screen.findByText('点赞 3')
  expect(calls('noticeLike')).toEqual([{ id: 'ntc1', like: true }, { id: 'ntc1', like: false }])
})

it('in the browser, 复制链接 records the share and copies a link carrying its token', async () => {
  __test.router.params = { id: 'ntc1' }
  serve({ noticeShare: () => ({ token: '0123456789abcdef01234567', shares: 3 }) })
  render(<NoticePage />)
  fireEvent.click(await screen.findByText('复制链接'))
  await waitFor(() => expect(setClipboardData).toHaveBeenCalled())
  const copied = (setClipboardData.mock.calls[0] as unknown as [{ data: string }])[0].data
  expect(copied).toMatch(/[?&]share=0123456789abcdef01234567$/)
  expect(calls('noticeShare')).toEqual([{ id: 'ntc1' }])
})

it('withShareToken replaces a token the link already carries and keeps other parameters', () => {
  expect(withShareToken('/packages/push/pages/notice/index?id=n1', 't1')).toBe('/packages/push/pages/notice/index?id=n1&share=t1')
  expect(withShareToken('https://x/#/packages/push/pages/notice/index?id=n1&share=old&from=push', 't2')).toBe('https://x/#/packages/push/pages/notice/index?id=n1&from=push&share=t2')
  expect(withShareToken('/p?share=old', 't3')).toBe('/p?share=t3')
})
