/** 我的办件: every status a case can reach has a chip, and tapping it lists exactly those cases. */
import { fireEvent, render, screen } from '@testing-library/react'
import { APPLICATION_STATUSES, STATUS_LABELS, type ApplicationStatus } from '@core/affairs/model'
import type { ApplicationSummary } from '@core/api'
import { bodyOf, ok, useGatewayMock } from './gateway-mock'
import MinePage from '@/packages/affairs/pages/mine/index'

const fetchMock = useGatewayMock()

const summary = (id: string, status: ApplicationStatus, matterName: string): ApplicationSummary => ({
  id, no: `BJ2026031000000${id.slice(1)}`, matterId: 'm1', matterName, departmentName: '示例市公安局', status, statusLabel: STATUS_LABELS[status],
  submittedAt: '2026-03-10T01:00:00.000Z', updatedAt: '2026-03-11T01:00:00.000Z',
})

const CASES = [
  summary('a1', 'accepted', '普通护照签发'),
  summary('a2', 'suspended', '居民身份证补领'),
  summary('a3', 'rejected', '机动车检验合格标志核发'),
  summary('a4', 'withdrawn', '户口迁移'),
]

beforeEach(() => {
  // The gateway filters by the status sent, as affairs.mine does.
  fetchMock.mockImplementation(async (url: string, init: { body: string }) => {
    if (url.endsWith('/pay')) return ok([])
    const { params } = JSON.parse(init.body) as { params: { status?: ApplicationStatus } }
    const items = CASES.filter((c) => !params.status || c.status === params.status)
    return ok({ items, total: items.length, page: 1, pageSize: 20 })
  })
})

const mineCalls = () => fetchMock.mock.calls.filter((c) => String(c[0]).endsWith('/affairs')).map((c) => bodyOf(c).params)

it('offers a chip for every status but the whole list', async () => {
  render(<MinePage />)
  await screen.findByText('普通护照签发')
  for (const s of APPLICATION_STATUSES) expect(screen.getAllByText(STATUS_LABELS[s]).some((el) => el.classList.contains('chip'))).toBe(true)
})

it.each([
  ['已挂起', 'suspended', '居民身份证补领'],
  ['不予受理', 'rejected', '机动车检验合格标志核发'],
  ['已撤回', 'withdrawn', '户口迁移'],
] as const)('tapping %s asks for that status and lists the case', async (label, status, matterName) => {
  render(<MinePage />)
  await screen.findByText('普通护照签发')
  const chip = screen.getAllByText(label).find((el) => el.classList.contains('chip'))!
  fireEvent.click(chip)
  await screen.findByText(matterName)
  await screen.findByText((_, el) => !!el?.classList.contains('chip--active') && el.textContent === label)
  expect(screen.queryByText('普通护照签发')).toBeNull()
  expect(mineCalls().at(-1)).toEqual({ status })
})
