import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { __test } from './taro-shim'
import ImportPage from '@/packages/staff/pages/import/index'
import SearchPage from '@/packages/matters/pages/search/index'
import ListPage from '@/packages/matters/pages/list/index'
import { localIdentity } from '@/services/identity'

const fetchMock = jest.fn()
const ok = (data: unknown) => ({ ok: true, status: 200, json: async () => ({ result: { ok: true, data } }) })
const bodyOf = (call: unknown[]) => JSON.parse((call[1] as { body: string }).body)

beforeEach(() => {
  __test.reset()
  fetchMock.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
})

const whoami = (role: string) => ({ openid: 'x', maskedOpenid: 'x****', role, departments: role === 'citizen' ? [] : ['psb'] })

describe('staff subpackage gate', () => {
  it('tells a citizen 无权访问 and shows no import form', async () => {
    fetchMock.mockResolvedValue(ok(whoami('citizen')))
    render(<ImportPage />)
    await screen.findByText('无权访问')
    expect(screen.queryByText('预检')).toBeNull()
    expect(bodyOf(fetchMock.mock.calls[0])).toEqual({ action: 'whoami', params: {} })
  })

  it('lets staff dry-run an import and shows the per-row report', async () => {
    localIdentity.set('local-staff-psb')
    fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
      const { action } = JSON.parse(init.body)
      if (action === 'whoami') return ok(whoami('staff'))
      return ok({
        format: 'csv', dryRun: true, total: 2, valid: 1, created: 0, updated: 0, applied: false,
        errors: [{ row: 3, implementationCode: '11999900MB0X12340002', field: '承诺办结时限', message: '承诺办结时限不能长于法定办结时限' }],
      })
    })
    render(<ImportPage />)
    await screen.findByText('预检')
    fireEvent.change(screen.getByPlaceholderText('粘贴 CSV 内容（含表头）'), { target: { value: '事项名称,实施编码\n…' } })
    fireEvent.click(screen.getByText('预检'))

    await screen.findByText('第3行')
    screen.getByText('11999900MB0X12340002')
    screen.getByText('承诺办结时限不能长于法定办结时限')
    screen.getByText(/发现1个问题/)
    expect(bodyOf(fetchMock.mock.calls[1])).toEqual({
      action: 'import', params: { format: 'csv', content: '事项名称,实施编码\n…', dryRun: true },
    })
    expect(fetchMock.mock.calls[1][1].headers['x-local-openid']).toBe('local-staff-psb')
  })
})

describe('search page', () => {
  afterEach(() => jest.useRealTimers())

  it('debounces typing into one search and shows ranked hits with badges', async () => {
    jest.useFakeTimers()
    fetchMock.mockResolvedValue(ok({
      q: '护照',
      suggestions: [],
      hits: [{
        id: 'M1', name: '普通护照签发', departmentName: '示例市公安局出入境管理支队', themes: ['出入境'],
        onsiteVisits: 0, onlineDepth: 4, promisedDays: 7, caseKind: '承诺件', charged: true, score: 9, matchedOn: 'name',
      }],
    }))
    render(<SearchPage />)
    screen.getByText('热门搜索')
    const input = screen.getByPlaceholderText('搜索事项，如：护照、身份证丢了、sfz')
    fireEvent.change(input, { target: { value: '护' } })
    fireEvent.change(input, { target: { value: '护照' } })
    expect(fetchMock).not.toHaveBeenCalled()

    await act(async () => {
      jest.advanceTimersByTime(300)
    })
    jest.useRealTimers()
    await screen.findByText('普通护照签发')
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(bodyOf(fetchMock.mock.calls[0])).toEqual({ action: 'search', params: { q: '护照' } })
    screen.getByText('跑零次')
    screen.getByText('承诺7个工作日')
    screen.getByText('Ⅳ级 全程网办')
  })

  it('offers suggestions and hot searches when nothing matches', async () => {
    fetchMock.mockResolvedValue(ok({ q: '护招', hits: [], suggestions: ['护照'] }))
    render(<SearchPage />)
    fireEvent.click(screen.getByText('结婚登记'))
    await waitFor(() => expect(fetchMock).toHaveBeenCalled())
    // A chip searches at once, without waiting for the debounce.
    expect(bodyOf(fetchMock.mock.calls[0])).toEqual({ action: 'search', params: { q: '结婚登记' } })
    fetchMock.mockClear()
    fireEvent.change(screen.getByPlaceholderText('搜索事项，如：护照、身份证丢了、sfz'), { target: { value: '护招' } })
    await screen.findByText('没有找到与“护招”相关的事项')
    screen.getByText('您是不是要找')
    screen.getByText('大家都在搜')
    // Offered once, as a suggestion, not again among the hot searches.
    expect(screen.getAllByText('护照')).toHaveLength(1)
  })
})

describe('list page', () => {
  const summary = (i: number) => ({
    id: `M${i}`, name: `事项${i}`, departmentName: '示例市公安局', themes: ['户籍'],
    onsiteVisits: 1, onlineDepth: 2, promisedDays: 0, caseKind: '即办件', charged: false,
  })

  it('loads 20 at a time and appends the next page on 加载更多', async () => {
    __test.router.params = { by: 'theme', value: encodeURIComponent('户籍') }
    fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
      const { page } = JSON.parse(init.body).params
      const items = page === 1 ? Array.from({ length: 20 }, (_, i) => summary(i + 1)) : [21, 22, 23, 24, 25].map(summary)
      return ok({ title: '户籍主题服务', items, total: 25, page, pageSize: 20 })
    })
    render(<ListPage />)
    await screen.findByText('户籍主题服务')
    expect(bodyOf(fetchMock.mock.calls[0])).toEqual({ action: 'list', params: { by: 'theme', value: '户籍', page: 1, pageSize: 20 } })
    screen.getByText('事项20')
    fireEvent.click(screen.getByText('加载更多（已显示 20/25）'))
    await screen.findByText('事项25')
    expect(bodyOf(fetchMock.mock.calls[1]).params.page).toBe(2)
    screen.getByText('已显示全部 25 项')
    expect(screen.getAllByText(/^事项\d+$/)).toHaveLength(25)
  })

  it('explains a broken link instead of calling the server', () => {
    __test.router.params = { by: 'nonsense', value: 'x' }
    render(<ListPage />)
    screen.getByText('链接参数有误，请返回首页重新选择')
    expect(fetchMock).not.toHaveBeenCalled()
  })
})
