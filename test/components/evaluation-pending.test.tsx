/** 待评价: the privacy line tells the truth about what the handling unit may see (phone for a 差评 回访, logged). */
import { render, waitFor } from '@testing-library/react'
import { ok, useGatewayMock } from './gateway-mock'
import PendingPage from '@/packages/evaluation/pages/pending/index'

const fetchMock = useGatewayMock()

it('says staff cannot see the WeChat identity but may call back on a 差评, and never claims full anonymity', async () => {
  fetchMock.mockImplementation(async () => ok({ items: [] }))
  const { container } = render(<PendingPage />)
  await waitFor(() => expect(container.textContent).toContain('工作人员看不到您的微信身份；如为差评，办理单位可能按办件预留电话回访（查看留痕）'))
  expect(container.textContent).not.toContain('工作人员看不到您的身份')
})
