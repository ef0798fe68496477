/** The agent's read-only view of the asking citizen's case or booking, opened from the consult inbox. */
import { fireEvent, render, screen } from '@testing-library/react'
import { useGatewayMock, ok, fail, bodyOf } from './gateway-mock'
import { __test, navigateTo } from './taro-shim'
import { localIdentity } from '@/services/identity'
import ConsultRecordPage from '@/packages/staff/pages/consult-record/index'

const fetchMock = useGatewayMock()
const AGENT = { openid: 'agent', maskedOpenid: 'agen****', role: 'staff', departments: [], halls: [], grants: ['consult'], name: '王坐席' }
const RECORD = {
  kind: 'application', id: 'app-1', no: 'BJ20261201000001', matterName: '社会保障卡申领', status: '办理中', unit: '市人社局',
  when: '2026-12-01 09:00', due: '2026-12-15', applicant: '张*',
  steps: [
    { at: '2026-12-01 09:00', step: '提交申请', by: '申请人' },
    { at: '2026-12-01 14:30', step: '受理', by: '市人社局', comment: '材料齐全，已电话联系 138****5678' },
  ],
  nextStep: '市人社局正在办理，承诺在2026-12-15前办结',
  unpaid: { amountFen: 2000, status: '待缴费' },
}

function serve(record: unknown, me: unknown = AGENT) {
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body)
    if (action === 'whoami') return ok(me)
    if (action === 'inboxRecord') return record ? ok(record) : fail('NOT_FOUND', '没有找到该记录')
    return ok(null)
  })
}

beforeEach(() => {
  localIdentity.set('local-agent')
  __test.router.params = { questionId: 'q1', kind: 'application', id: 'app-1' }
})

it('asks for the record of the question and shows status, dates, unpaid fee, steps and next step, masked', async () => {
  serve(RECORD)
  render(<ConsultRecordPage />)
  await screen.findByText('社会保障卡申领')
  expect(fetchMock.mock.calls.map(bodyOf)).toContainEqual({ action: 'inboxRecord', params: { questionId: 'q1', kind: 'application', id: 'app-1' } })
  expect(screen.getByText('办理中')).toBeTruthy()
  expect(screen.getByText('BJ20261201000001')).toBeTruthy()
  expect(screen.getByText('承诺办结日期').nextSibling?.textContent).toBe('2026-12-15')
  expect(screen.getByText('¥20.00（待缴费）')).toBeTruthy()
  expect(screen.getByText('张*')).toBeTruthy()
  expect(screen.getByText('意见：材料齐全，已电话联系 138****5678')).toBeTruthy()
  expect(screen.getByText('下一步：市人社局正在办理，承诺在2026-12-15前办结')).toBeTruthy()
  // Newest step first.
  const steps = Array.from(document.querySelectorAll('.consult-record__step-name')).map((n) => n.textContent)
  expect(steps).toEqual(['受理', '提交申请'])
  // No way into the full case for an agent the server did not offer one to.
  expect(screen.queryByText('在工作台打开')).toBeNull()
})

it('offers 在工作台打开 when the server says the caller may handle the case there', async () => {
  serve({ ...RECORD, staffLink: '/packages/staff/pages/case/index?id=app-1' }, { ...AGENT, role: 'admin', grants: ['consult'] })
  render(<ConsultRecordPage />)
  fireEvent.click(await screen.findByText('在工作台打开'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/case/index?id=app-1' })
})

it('shows a booking with its slot and hall', async () => {
  __test.router.params = { questionId: 'q1', kind: 'booking', id: 'bk-1' }
  serve({ kind: 'booking', id: 'bk-1', no: 'YY20261209000123', matterName: '户口迁入', status: '已预约', unit: '市民中心 · 户籍窗口', when: '2026-12-09 09:00–09:30', address: '人民路1号', steps: [], nextStep: '请于2026-12-09 09:00前到市民中心户籍窗口，出示预约码签到' })
  render(<ConsultRecordPage />)
  await screen.findByText('户口迁入')
  expect(screen.getByText('预约时段').nextSibling?.textContent).toBe('2026-12-09 09:00–09:30')
  expect(screen.getByText('服务大厅').nextSibling?.textContent).toBe('市民中心 · 户籍窗口')
  expect(screen.queryByText('承诺办结日期')).toBeNull()
})

it('says so when the record is not there for the agent', async () => {
  serve(null)
  render(<ConsultRecordPage />)
  await screen.findByText(/没有找到该记录/)
})

it('tells staff without the consult grant the page is not theirs, without asking for the record', async () => {
  serve(RECORD, { ...AGENT, grants: [] })
  render(<ConsultRecordPage />)
  await screen.findByText(/仅限具有咨询坐席权限/)
  expect(fetchMock.mock.calls.map(bodyOf).map((b) => b.action)).not.toContain('inboxRecord')
})

it('a paused case: no 承诺办结日期, the days left in the citizen\'s detail page words', async () => {
  serve({ ...RECORD, status: '已挂起', due: undefined, clockPaused: true, clock: '暂停计时 · 剩余6个工作日，恢复后重新计算到期日' })
  render(<ConsultRecordPage />)
  await screen.findByText('办理时限')
  expect(screen.getByText('办理时限').nextSibling?.textContent).toBe('暂停计时 · 剩余6个工作日，恢复后重新计算到期日')
  expect(screen.queryByText('承诺办结日期')).toBeNull()
})
