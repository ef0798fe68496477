/**
 * Staff and citizen pages show dates and times on the Beijing clock whatever the device zone.
 * Runs in the machine's zone here, and under TZ=UTC and TZ=America/Los_Angeles from
 * shanghai-time-zones.test.ts (a jest sandbox cannot change the zone of its own process).
 */
import { fireEvent, render, screen } from '@testing-library/react'
import { useGatewayMock, ok } from './gateway-mock'
import { storedMatter } from './matter-fixture'
import { localIdentity } from '@/services/identity'
import { shanghaiDate, shanghaiDateTime } from '@core/shanghai-time'
import QueuePage from '@/packages/staff/pages/queue/index'
import ConsultInboxPage from '@/packages/staff/pages/consult-inbox/index'
import KnowledgePage from '@/packages/staff/pages/knowledge/index'
import Home from '@/pages/index/index'
import { GuideView } from '@/packages/matters/components/guide/guide-view'
import { CaseTimeline } from '@/components/case-timeline'

// 17:30 UTC on 4 March is 01:30 on 5 March in Beijing (and 09:30 on 4 March in Los Angeles).
const AT = '2026-03-04T17:30:00.000Z'

const staff = { openid: 'staff-openid', maskedOpenid: 'staf****enid', role: 'staff', departments: ['psb'], halls: [], grants: ['consult', 'knowledge'], name: '李警官' }

const REPLIES: Record<string, unknown> = {
  whoami: staff,
  queue: {
    items: [{ id: 'A1', no: 'SL0001', matterId: 'm1', matterName: '居住证申领', departmentName: '市公安局', status: 'submitted', statusLabel: '已提交', submittedAt: AT, updatedAt: AT }],
    total: 1, page: 1, pageSize: 20, hasMore: false,
    counts: { submitted: 1, accepted: 0, supplement: 0, suspended: 0, completed: 0, rejected: 0, withdrawn: 0 }, matters: [], uncoveredYears: [],
  },
  inbox: [{ id: 'q1', conversationId: 'cv1', maskedOpenid: 'citi****enid', question: '社保卡怎么补', status: 'open', at: AT, channel: 'app' }],
  knowledge: { version: 2, kb: { version: 2, faqs: [], rules: [], synonyms: [] } },
  kbHistory: [{ version: 2, by: 'edit****enid', byName: '赵编辑', at: AT, change: '修改 faq-x' }],
  home: { departments: [], themes: [], lifeEvents: [], totals: { matters: 0, zeroVisit: 0, fullyOnline: 0 } },
  notices: [{ id: 'n1', title: '春节假期安排', summary: '假期办事须知', body: '', images: [], publisher: '市政务服务中心', publishedAt: AT }],
}

const fetchMock = useGatewayMock()

beforeEach(() => {
  localIdentity.set('local-staff-psb')
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => ok(REPLIES[JSON.parse(init.body).action]))
})
describe(`pages under TZ=${process.env.TZ ?? '(machine zone)'}`, () => {
  it('the helper formats on the Beijing clock', () => {
    if (process.env.TZ === 'America/Los_Angeles') expect(new Date(AT).getHours()).toBe(9) // the zone really is LA
    if (process.env.TZ === 'UTC') expect(new Date(AT).getHours()).toBe(17)
    expect(shanghaiDate(AT)).toBe('2026-03-05')
    expect(shanghaiDateTime(AT)).toBe('2026-03-05 01:30')
  })

  it('the staff queue shows the Beijing submission date', async () => {
    render(<QueuePage />)
    await screen.findByText(/提交于 2026-03-05/)
  })

  it('the consult inbox shows the Beijing time of a question', async () => {
    render(<ConsultInboxPage />)
    await screen.findByText(/2026-03-05 01:30/)
  })

  it('the knowledge history shows the Beijing time of a version', async () => {
    const { container } = render(<KnowledgePage />)
    fireEvent.click(await screen.findByText('修改记录'))
    await screen.findByText(/赵编辑 · 2026-03-05 01:30/)
    expect(container.textContent).not.toContain('2026-03-04')
  })

  it('the home notice list shows the Beijing publication date', async () => {
    render(<Home />)
    await screen.findByText(/2026-03-05 · 假期办事须知/)
  })

  it('the guide shows the Beijing update date', () => {
    render(<GuideView matter={{ ...storedMatter(), updatedAt: AT }} />)
    screen.getByText(/更新于 2026-03-05/)
  })

  it('a case timeline shows Beijing times', () => {
    render(<CaseTimeline entries={[{ seq: 1, at: AT, by: '申请人', action: 'submit', status: 'submitted' }]} />)
    screen.getByText(/2026-03-05 01:30/)
  })
})
