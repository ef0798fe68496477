/**
 * Issue 5 items 19–22 in jsdom: friendly not-found (no dead 重试) for bad links, 重试 only where it
 * can help, the search box capped at the server's limit, department names instead of codes,
 * Chinese-only staff-form labels, and the employee's join page.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import { __test, switchTab } from './taro-shim'
import { LoadState } from '@/components/load-state'
import { MatterCard } from '@/components/matter-card'
import GuidePage from '@/packages/matters/pages/guide/index'
import ListPage from '@/packages/matters/pages/list/index'
import SearchPage from '@/packages/matters/pages/search/index'
import MinePage from '@/pages/mine/index'
import JoinPage from '@/packages/staff/pages/join/index'
import { StaffForm } from '@/packages/staff/components/staff-form'
import { SEARCH_MAX_LENGTH } from '@core/matter/limits'

const fetchMock = jest.fn()
const reply = (result: unknown) => ({ ok: true, status: 200, json: async () => ({ result }) })
const ok = (data: unknown) => reply({ ok: true, data })
const bodyOf = (call: unknown[]) => JSON.parse((call[1] as { body: string }).body)
const DEPARTMENTS = [
  { id: 'psb', name: '示例市公安局', count: 10 },
  { id: 'exit-entry', name: '示例市公安局出入境管理支队', count: 5 },
]
const HOME = { departments: DEPARTMENTS, themes: [], lifeEvents: [], totals: { matters: 15, zeroVisit: 3, fullyOnline: 2 } }

beforeEach(() => {
  __test.reset()
  fetchMock.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
})

describe('LoadState', () => {
  it('shows a not-found page with a way home and no 重试 for NOT_FOUND', () => {
    const retry = jest.fn()
    render(<LoadState hasData={false} onRetry={retry} error={{ ok: false, code: 'NOT_FOUND', message: '未找到该事项，可能已调整或取消' }} />)
    screen.getByText('没有找到相关内容')
    screen.getByText('未找到该事项，可能已调整或取消')
    expect(screen.queryByText('重试')).toBeNull()
    fireEvent.click(screen.getByText('返回首页'))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
  })

  it('never shows validator text for INVALID_INPUT', () => {
    render(<LoadState hasData={false} onRetry={jest.fn()} error={{ ok: false, code: 'INVALID_INPUT', message: 'value：取值须为：户籍、婚育' }} />)
    expect(screen.queryByText(/取值须为/)).toBeNull()
    screen.getByText('链接有误或已失效，请返回首页重新查找')
    expect(screen.queryByText('重试')).toBeNull()
    screen.getByText('返回首页')
  })

  it.each(['NETWORK', 'INTERNAL'] as const)('offers 重试 for %s', (code) => {
    const retry = jest.fn()
    render(<LoadState hasData={false} onRetry={retry} error={{ ok: false, code, message: '网络异常，请稍后重试' }} />)
    screen.getByText('加载失败')
    fireEvent.click(screen.getByText('重试'))
    expect(retry).toHaveBeenCalled()
  })
})

describe('bad links', () => {
  it('an unknown matter id shows not-found without 重试', async () => {
    __test.router.params = { id: '11999900MB0P12301G3000799999999' }
    fetchMock.mockResolvedValue(reply({ ok: false, code: 'NOT_FOUND', message: '未找到该事项，可能已调整或取消' }))
    render(<GuidePage />)
    await screen.findByText('没有找到相关内容')
    screen.getByText('未找到该事项，可能已调整或取消')
    expect(screen.queryByText('重试')).toBeNull()
  })

  it('a missing id explains itself without calling the server', () => {
    render(<GuidePage />)
    screen.getByText('链接缺少事项编号，请从首页或搜索进入')
    expect(screen.queryByText('重试')).toBeNull()
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('a bad theme shows the friendly page, not the validator text', async () => {
    __test.router.params = { by: 'theme', value: '不存在的主题' }
    fetchMock.mockResolvedValue(reply({ ok: false, code: 'INVALID_INPUT', message: 'value：取值须为：户籍、婚育、教育' }))
    render(<ListPage />)
    await screen.findByText('没有找到相关内容')
    expect(screen.queryByText(/取值须为/)).toBeNull()
    expect(screen.queryByText('重试')).toBeNull()
  })

  it('a network failure on the guide keeps 重试', async () => {
    __test.router.params = { id: '11999900MB0P12301G3000711102000' }
    fetchMock.mockRejectedValue(new Error('offline'))
    render(<GuidePage />)
    await screen.findByText('重试')
  })
})

describe('search length', () => {
  it(`caps the box at ${SEARCH_MAX_LENGTH} characters and says so`, async () => {
    fetchMock.mockResolvedValue(ok({ q: '', hits: [], suggestions: [] }))
    render(<SearchPage />)
    const input = screen.getByPlaceholderText(/搜索事项/) as HTMLInputElement
    fireEvent.change(input, { target: { value: '身'.repeat(140) } })
    expect(input.value).toHaveLength(SEARCH_MAX_LENGTH)
    screen.getByText(new RegExp(`最多${SEARCH_MAX_LENGTH}个字`))
  })
})

describe('codes and English on screen', () => {
  it('我的 shows department names, not codes', async () => {
    fetchMock.mockImplementation(async (url: string, init: { body: string }) => {
      const { action } = JSON.parse(init.body)
      if (url.endsWith('/account')) {
        expect(action).toBe('whoami')
        return ok({ openid: 'x', maskedOpenid: 'oAbc****wxyz', role: 'staff', departments: ['psb', 'exit-entry'], halls: [], grants: [], name: '李警官' })
      }
      return ok(HOME)
    })
    render(<MinePage />)
    await screen.findByText('所属部门：示例市公安局、示例市公安局出入境管理支队')
    expect(screen.queryByText(/psb/)).toBeNull()
  })

  it('the staff form labels are Chinese only', () => {
    render(<StaffForm initial={{ openid: 'abc', name: '王', role: 'staff', departments: ['psb'], active: true }} isNew departments={DEPARTMENTS} onSaved={jest.fn()} onCancel={jest.fn()} />)
    const labels = Array.from(document.querySelectorAll('.field__label')).map((e) => e.textContent ?? '')
    expect(labels.length).toBeGreaterThan(3)
    for (const l of labels) expect(l).not.toMatch(/[A-Za-z]/)
    for (const p of Array.from(document.querySelectorAll('input')).map((e) => e.placeholder)) expect(p).not.toMatch(/[A-Za-z]/)
  })

  it('list cards show the fee of paid matters', () => {
    const base = { id: 'x1', name: '临时居民身份证申领', departmentName: '示例市公安局', themes: [], onsiteVisits: 1, onlineDepth: 1 as const, promisedDays: 0, caseKind: '即办件' }
    const { rerender } = render(<MatterCard matter={{ ...base, charged: true, feeStandard: '10元/证' }} />)
    screen.getByText('收费 10元/证')
    rerender(<MatterCard matter={{ ...base, charged: true }} />)
    screen.getByText('收费')
    rerender(<MatterCard matter={{ ...base, charged: false }} />)
    screen.getByText('不收费')
  })
})

describe('join page', () => {
  it('previews the invitation from the link, then binds with the typed name only', async () => {
    __test.router.params = { code: 'abcd2345' }
    fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
      const { action, params } = JSON.parse(init.body)
      if (action === 'previewInvitation') {
        return ok({ code: params.code, role: 'staff', departments: ['psb'], halls: [], grants: ['consult'], status: 'open', expiresAt: '2026-01-01T00:00:00Z', alreadyStaff: false })
      }
      if (action === 'acceptInvitation') return ok({ openid: 'x', maskedOpenid: 'x', role: 'staff', departments: ['psb'], halls: [], grants: ['consult'], name: params.name })
      return ok(HOME)
    })
    render(<JoinPage />)
    await screen.findByText('答复咨询')
    await screen.findByText('示例市公安局')
    fireEvent.change(screen.getByPlaceholderText('请输入真实姓名'), { target: { value: '王小明' } })
    fireEvent.click(screen.getByText('确认绑定'))
    await screen.findByText('绑定成功')
    const accept = fetchMock.mock.calls.map(bodyOf).find((b) => b.action === 'acceptInvitation')
    expect(accept).toEqual({ action: 'acceptInvitation', params: { code: 'ABCD2345', name: '王小明' } })
  })

  it('explains a used invitation instead of offering 确认绑定', async () => {
    __test.router.params = { code: 'ABCD2345' }
    fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
      const { action } = JSON.parse(init.body)
      if (action === 'previewInvitation') {
        return ok({ code: 'ABCD2345', role: 'staff', departments: ['psb'], halls: [], grants: [], status: 'used', expiresAt: '2026-01-01T00:00:00Z', alreadyStaff: false })
      }
      return ok(HOME)
    })
    render(<JoinPage />)
    await screen.findByText('该邀请码已被使用，每个邀请码只能绑定一人')
    expect(screen.queryByText('确认绑定')).toBeNull()
  })
})
