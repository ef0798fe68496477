/** The admin's 服务号 follower sync on the campaigns page: tap → push.syncFollowers → the outcome in Chinese. */
import { fireEvent, render, screen } from '@testing-library/react'
import { bodyOf, fail, ok, useGatewayMock } from './gateway-mock'
import type { ResultOf } from '@core/api'
import { FollowerSync } from '@/packages/staff/components/follower-sync'

const fetchMock = useGatewayMock()

describe('服务号 follower sync', () => {
  it('calls syncFollowers once per tap and reports the counts', async () => {
    const data: ResultOf<'push', 'syncFollowers'> = { total: 1280, synced: 1280, unfollowed: 3 }
    fetchMock.mockResolvedValue(ok(data))
    render(<FollowerSync />)
    fireEvent.click(screen.getByText('同步服务号关注者名单'))
    await screen.findByText('同步完成：服务号共 1280 位关注者，本次核对 1280 位，3 位已取消关注。')
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(bodyOf(fetchMock.mock.calls[0])).toEqual({ action: 'syncFollowers', params: {} })
  })

  it('shows the server\'s reason when the OA is not configured', async () => {
    fetchMock.mockResolvedValue(fail('CONFLICT', '未配置公众号 AppID/AppSecret（WX_OA_APPID / WX_OA_SECRET）'))
    render(<FollowerSync />)
    fireEvent.click(screen.getByText('同步服务号关注者名单'))
    const error = await screen.findByText('未配置公众号 AppID/AppSecret（WX_OA_APPID / WX_OA_SECRET）')
    expect(error.className).toContain('error-text')
  })
})
