/**
 * 效能看板 (staff): cards read num/den per unit, a card opens the indicator page for the same
 * range, changing the range asks again, 导出CSV downloads what metrics.exportCsv returned, and
 * the indicator page shows the definition and pages through the records.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ResultOf } from '@core/api'
import DashboardPage from '@/packages/staff/pages/dashboard/index'
import IndicatorPage from '@/packages/staff/pages/indicator/index'
import { presetRange, shanghaiToday } from '@/packages/staff/utils/metrics-view'
import { localIdentity } from '@/services/identity'
import { __test, navigateTo } from './taro-shim'
import { bodyOf, fail, ok, useGatewayMock } from './gateway-mock'
import recorded from './recorded-replies.json'

// The canvas is not what is under test here (jsdom has none): the stand-in prints what would be drawn.
jest.mock('@/packages/staff/components/chart', () => {
  const { describe: describeSpec } = jest.requireActual('@/packages/staff/components/chart/spec')
  return { ChartView: ({ spec }: { spec: { kind: string } }) => <div data-chart={spec.kind}>{`${spec.kind}：${describeSpec(spec)}`}</div> }
})

const whoamiStaff = (recorded as unknown as { whoamiStaff: ResultOf<'account', 'whoami'> }).whoamiStaff
const fetchMock = useGatewayMock()
const calls = (action: string) => fetchMock.mock.calls.map(bodyOf).filter((b) => b.action === action).map((b) => b.params)

const DASHBOARD: ResultOf<'metrics', 'dashboard'> = {
  indicators: [
    { key: 'goodRate', name: '好评率', num: 45, den: 48, area: 'evaluation', unit: 'ratio' },
    { key: 'onTimeRate', name: '按时办结率', num: 0, den: 0, area: 'affairs', unit: 'ratio' },
    { key: 'avgHandlingDays', name: '平均办理时长', num: 37, den: 10, area: 'affairs', unit: 'average', unitLabel: '个工作日' },
    { key: 'overdueCount', name: '超期件数', num: 2, den: 1, area: 'affairs', unit: 'count', unitLabel: '件' },
  ],
}
const DEFINITION: ResultOf<'metrics', 'definitions'>[number] = {
  key: 'goodRate', name: '好评率', area: 'evaluation', unit: 'ratio', numerator: '评价为“满意”“非常满意”的评价数', denominator: '全部评价数（不含系统默认好评）', note: '按评价提交日统计', public: true,
}
const record = (i: number) => ({ id: `r${i}`, title: `护照办理 BJ2026030100000${i}`, date: '2026-03-01', departmentName: '示例市公安局', inNumerator: i % 2 === 0, detail: i % 2 === 0 ? '非常满意' : '不满意', link: `/packages/staff/pages/case/index?id=a${i}` })

/** jsdom's Blob has no text(). */
const blobText = (b: Blob) => new Promise<string>((resolve) => {
  const reader = new FileReader()
  reader.onload = () => resolve(String(reader.result))
  reader.readAsText(b)
})

function serve(over: Record<string, (p: Record<string, unknown>) => unknown> = {}) {
  localIdentity.set('local-staff-psb')
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action, params } = JSON.parse(init.body)
    if (over[action]) {
      const r = over[action](params)
      return r && typeof r === 'object' && 'failCode' in r ? fail(String((r as { failCode: string }).failCode), '服务繁忙') : ok(r)
    }
    switch (action) {
      case 'whoami': return ok(whoamiStaff)
      case 'dashboard': return ok(DASHBOARD)
      case 'trend': return ok({ granularity: 'day', points: [{ period: '2026-03-01', num: 9, den: 10 }, { period: '2026-03-02', num: 0, den: 0 }, { period: '2026-03-03', num: 19, den: 20 }] })
      case 'compare': return ok({ rows: [{ departmentId: 'psb', name: '示例市公安局', num: 30, den: 32 }, { departmentId: 'hrss', name: '示例市人社局', num: 15, den: 16 }] })
      case 'funnel': return ok({ steps: [{ key: 'bad', name: '差评', count: 3 }, { key: 'visited', name: '已回访', count: 3 }, { key: 'handled', name: '已处理', count: 2 }, { key: 'rectified', name: '按期整改', count: 1 }, { key: 'fed', name: '已反馈', count: 1 }] })
      case 'noticeStats': return ok([{ id: 'n1', title: '关于调整办公时间的通知', publishedAt: '2026-03-01T02:00:00.000Z', reads: 120, likes: 8, shares: 5, shareOpens: 17 }])
      case 'definitions': return ok([DEFINITION])
      case 'records': return ok({ definition: DEFINITION, items: [record(1), record(2)], total: 25, page: params.page ?? 1, pageSize: 20 })
      default: return ok(null)
    }
  })
}

describe('效能看板', () => {
  it('shows 好评率 as a percentage of num/den, averages and counts in their units, and 0/0 as a dash', async () => {
    serve()
    render(<DashboardPage />)
    await screen.findByText('45 / 48')
    screen.getByText('93.8%')
    screen.getByText('45 / 48')
    screen.getByText('3.7个工作日')
    screen.getByText('2件')
    expect(screen.getAllByText('—')).toHaveLength(1)
    // Grouped by area: 办件 and 好评差评 headings.
    screen.getByText('办件')
    screen.getByText('好差评')
  })

  it('draws the trend of 好评率 in percent (skipping days without data), the department bars and the 差评 funnel', async () => {
    serve()
    render(<DashboardPage />)
    await screen.findByText('line：03-01 90%，03-03 95%')
    screen.getByText('bar：示例市公安局 93.8%，示例市人社局 93.8%')
    screen.getByText('funnel：差评 3，已回访 3，已处理 2，按期整改 1，已反馈 1')
    const today = shanghaiToday()
    expect(calls('trend').at(-1)).toEqual({ ...presetRange('7d', today), key: 'goodRate' })
    // Choosing another indicator redraws the trend for it.
    fireEvent.click(screen.getAllByText('平均办理时长').at(-1)!)
    await waitFor(() => expect(calls('trend').at(-1)).toMatchObject({ key: 'avgHandlingDays' }))
  })

  it('tapping a card opens the indicator page for the same range', async () => {
    serve()
    render(<DashboardPage />)
    fireEvent.click(await screen.findByText('93.8%'))
    const { from, to } = presetRange('7d', shanghaiToday())
    expect(navigateTo).toHaveBeenCalledWith({ url: `/packages/staff/pages/indicator/index?key=goodRate&from=${from}&to=${to}` })
  })

  it('changing the range to 近30天 asks for the dashboard, funnel and notices again with the new range', async () => {
    serve()
    render(<DashboardPage />)
    await screen.findByText('45 / 48')
    const month = presetRange('30d', shanghaiToday())
    fireEvent.click(screen.getByText(/近30天/))
    await waitFor(() => expect(calls('dashboard').at(-1)).toEqual(month))
    await waitFor(() => expect(calls('funnel').at(-1)).toEqual(month))
    await waitFor(() => expect(calls('noticeStats').at(-1)).toEqual(month))
    screen.getByText(`${month.from} 至 ${month.to}（北京时间，含当天实时数据）`)
  })

  it('导出CSV calls metrics.exportCsv with the range and downloads the file it returns', async () => {
    const created: Blob[] = []
    URL.createObjectURL = jest.fn((b: Blob) => { created.push(b); return 'blob:csv' }) as never
    URL.revokeObjectURL = jest.fn()
    const clicks: string[] = []
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicks.push(this.download) })
    serve({ exportCsv: () => ({ fileName: '效能看板_2026-03-01_2026-03-07.csv', csv: '\uFEFF部门,好评率\n示例市公安局,93.8%\n' }) })
    render(<DashboardPage />)
    await screen.findByText('45 / 48')
    fireEvent.click(screen.getByText('导出CSV'))
    await waitFor(() => expect(clicks).toEqual(['效能看板_2026-03-01_2026-03-07.csv']))
    expect(calls('exportCsv')).toEqual([presetRange('7d', shanghaiToday())])
    expect(await blobText(created[0])).toContain('示例市公安局,93.8%')
    click.mockRestore()
  })

  it('shows notice engagement per notice in the 内容 section', async () => {
    serve()
    render(<DashboardPage />)
    await screen.findByText('关于调整办公时间的通知')
    screen.getByText('2026-03-01 发布 · 阅读 120 · 点赞 8 · 分享 5（经分享打开 17）')
  })

  it('admins get a department picker from the dashboard reply; choosing one narrows every query but the comparison', async () => {
    serve({ dashboard: () => ({ ...DASHBOARD, departments: [{ id: 'psb', name: '示例市公安局' }, { id: 'hrss', name: '示例市人社局' }] }) })
    render(<DashboardPage />)
    fireEvent.click(await screen.findByText(/示例市人社局$/))
    await waitFor(() => expect(calls('dashboard').at(-1)).toMatchObject({ departmentId: 'hrss' }))
    await waitFor(() => expect(calls('funnel').at(-1)).toMatchObject({ departmentId: 'hrss' }))
    expect(calls('compare').every((p) => !('departmentId' in p))).toBe(true)
  })

  it('shows 办件 per status now as chips with exact counts and bars, when the dashboard sends statusVolume', async () => {
    serve({ dashboard: () => ({ ...DASHBOARD, statusVolume: [
      { status: 'submitted', name: '待受理', count: 3 }, { status: 'accepted', name: '办理中', count: 5 }, { status: 'completed', name: '已办结', count: 12 },
    ] }) })
    render(<DashboardPage />)
    await screen.findByText('待受理 3')
    screen.getByText('办理中 5')
    screen.getByText('已办结 12')
    screen.getByText('当前 · 共 20 件')
    screen.getByText('bar：待受理 3件，办理中 5件，已办结 12件')
  })

  it('without statusVolume (an older function) there is no 办件状态 section', async () => {
    serve()
    render(<DashboardPage />)
    await screen.findByText('45 / 48')
    expect(screen.queryByText('办件状态')).toBeNull()
  })

  it('an admin’s many departments stay folded behind 更改 until tapped; choosing one folds them again', async () => {
    const departments = ['公安局', '人社局', '医保局', '民政局', '税务局'].map((name, i) => ({ id: `d${i}`, name: `示例市${name}` }))
    serve({ dashboard: () => ({ ...DASHBOARD, departments }) })
    render(<DashboardPage />)
    await screen.findByText('45 / 48')
    expect(screen.queryByText(/示例市民政局/)).toBeNull()
    fireEvent.click(screen.getByText('更改'))
    fireEvent.click(screen.getByText(/示例市民政局$/))
    await waitFor(() => expect(calls('dashboard').at(-1)).toMatchObject({ departmentId: 'd3' }))
    await screen.findByText('示例市民政局')
    expect(screen.queryByText(/示例市税务局/)).toBeNull()
  })

  it('a percentile without a sample shows a dash, not 0秒', async () => {
    serve({ dashboard: () => ({ indicators: [{ key: 'deliveryP95Seconds', name: '事件到送达P95', num: 0, den: 0, area: 'push', unit: 'percentile', unitLabel: '秒' }] }) })
    render(<DashboardPage />)
    await screen.findByText('样本 0')
    screen.getByText('—')
    expect(screen.queryByText('0秒')).toBeNull()
  })

  it('a failed dashboard says so and offers 重试', async () => {
    serve({ dashboard: () => ({ failCode: 'INTERNAL' }) })
    render(<DashboardPage />)
    await screen.findByText('加载失败')
  })
})

describe('指标说明与明细', () => {
  it('shows 分子/分母/说明 and pages through the records behind the indicator; a record opens its case', async () => {
    __test.router.params = { key: 'goodRate', from: '2026-03-01', to: '2026-03-07' }
    serve()
    render(<IndicatorPage />)
    await screen.findByText('评价为“满意”“非常满意”的评价数')
    screen.getByText('全部评价数（不含系统默认好评）')
    screen.getByText('按评价提交日统计')
    await screen.findByText('护照办理 BJ20260301000001')
    screen.getByText('计入分子')
    screen.getByText('仅计分母')
    expect(calls('records')).toEqual([{ from: '2026-03-01', to: '2026-03-07', key: 'goodRate', page: 1 }])
    fireEvent.click(screen.getByText('下一页'))
    await waitFor(() => expect(calls('records').at(-1)).toMatchObject({ page: 2 }))
    fireEvent.click(screen.getByText('护照办理 BJ20260301000002'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/case/index?id=a2' })
  })

  it('a long range says the records listed start at listedFrom', async () => {
    __test.router.params = { key: 'goodRate', from: '2026-01-01', to: '2026-03-31' }
    serve({ records: () => ({ definition: DEFINITION, items: [record(1)], total: 1, page: 1, pageSize: 20, listedFrom: '2026-03-01' }) })
    render(<IndicatorPage />)
    await screen.findByText('时间跨度较长，仅列出 2026-03-01 起的记录')
    screen.getByText('护照办理 BJ20260301000001')
  })
})
