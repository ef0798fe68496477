import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useGatewayMock, ok, bodyOf } from './gateway-mock'
import { __test } from './taro-shim'
import ImportPage from '@/packages/staff/pages/import/index'
import SearchPage from '@/packages/matters/pages/search/index'
import ListPage from '@/packages/matters/pages/list/index'
import { localIdentity } from '@/services/identity'
import type { ResultOf } from '@core/api'
import { HOT_QUERIES } from '@core/matter/taxonomy'
import recorded from './recorded-replies.json'

// Every reply below was recorded from the real functions (test/functions/recorded-replies.test.ts
// keeps the file equal to what they return), typed against the contract.
const replies = recorded as unknown as {
  whoamiCitizen: ResultOf<'account', 'whoami'>
  whoamiStaff: ResultOf<'account', 'whoami'>
  importDryRunWithError: ResultOf<'matters', 'import'>
  searchPassport: ResultOf<'matters', 'search'>
  searchNothing: ResultOf<'matters', 'search'>
  listHouseholdPage1: ResultOf<'matters', 'list'>
  listHouseholdPage2: ResultOf<'matters', 'list'>
}

const fetchMock = useGatewayMock()


describe('staff subpackage gate', () => {
  it('tells a citizen 无权访问 and shows no import form', async () => {
    fetchMock.mockResolvedValue(ok(replies.whoamiCitizen))
    render(<ImportPage />)
    await screen.findByText('无权访问')
    expect(screen.queryByText('预检')).toBeNull()
    expect(bodyOf(fetchMock.mock.calls[0])).toEqual({ action: 'whoami', params: {} })
  })

  it('lets staff dry-run an import and shows the per-row report', async () => {
    localIdentity.set('local-staff-psb')
    fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
      const { action } = JSON.parse(init.body)
      if (action === 'whoami') return ok(replies.whoamiStaff)
      return ok(replies.importDryRunWithError)
    })
    render(<ImportPage />)
    await screen.findByText('预检')
    fireEvent.change(screen.getByPlaceholderText('粘贴 CSV 内容（含表头）'), { target: { value: '事项名称,实施编码\n…' } })
    fireEvent.click(screen.getByText('预检'))

    await screen.findByText('第3行')
    screen.getByText('11999900MB0X12345A4000200002')
    screen.getByText('到现场次数')
    screen.getByText('到现场次数须为非负整数，实际为“一次”')
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
    fetchMock.mockResolvedValue(ok(replies.searchPassport))
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

  it('offers the hot searches as suggestions when nothing matches, without repeating them', async () => {
    // What the server replies to a query that matches nothing: every hot search as a suggestion.
    expect(replies.searchNothing).toEqual({ q: '火星移民', hits: [], suggestions: [...HOT_QUERIES] })
    fetchMock.mockResolvedValue(ok(replies.searchNothing))
    render(<SearchPage />)
    fireEvent.click(screen.getByText('结婚登记'))
    await waitFor(() => expect(fetchMock).toHaveBeenCalled())
    // A chip searches at once, without waiting for the debounce.
    expect(bodyOf(fetchMock.mock.calls[0])).toEqual({ action: 'search', params: { q: '结婚登记' } })
    fetchMock.mockClear()
    fireEvent.change(screen.getByPlaceholderText('搜索事项，如：护照、身份证丢了、sfz'), { target: { value: '火星移民' } })
    await screen.findByText('没有找到与“火星移民”相关的事项')
    screen.getByText('您是不是要找')
    // Each hot search is offered once, as a suggestion; no empty 大家都在搜 section.
    for (const word of HOT_QUERIES) expect(screen.getAllByText(word)).toHaveLength(1)
    expect(screen.queryByText('大家都在搜')).toBeNull()
  })
})

describe('list page', () => {
  it('loads 20 at a time and appends the next page on 加载更多', async () => {
    __test.router.params = { by: 'theme', value: encodeURIComponent('户籍') }
    fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
      const { page } = JSON.parse(init.body).params
      return ok(page === 1 ? replies.listHouseholdPage1 : replies.listHouseholdPage2)
    })
    render(<ListPage />)
    await screen.findByText('户籍主题服务')
    expect(bodyOf(fetchMock.mock.calls[0])).toEqual({ action: 'list', params: { by: 'theme', value: '户籍', page: 1, pageSize: 20 } })
    screen.getByText('户籍事项20')
    expect(screen.queryByText('户籍事项21')).toBeNull()
    fireEvent.click(screen.getByText('加载更多（已显示 20/25）'))
    await screen.findByText('户籍事项25')
    expect(bodyOf(fetchMock.mock.calls[1]).params.page).toBe(2)
    screen.getByText('已显示全部 25 项')
    expect(screen.getAllByText(/^户籍事项\d+$/)).toHaveLength(25)
  })

  it('explains a broken link instead of calling the server', () => {
    __test.router.params = { by: 'nonsense', value: 'x' }
    render(<ListPage />)
    screen.getByText('链接参数有误，请返回首页重新选择')
    expect(fetchMock).not.toHaveBeenCalled()
  })
})
