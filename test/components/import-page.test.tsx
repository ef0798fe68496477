import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { __test } from './taro-shim'
import ImportPage from '@/packages/staff/pages/import/index'
import { localIdentity } from '@/services/identity'

const fetchMock = jest.fn()
const ok = (data: unknown) => ({ ok: true, status: 200, json: async () => ({ result: { ok: true, data } }) })
const whoami = { openid: 'local-staff-psb', maskedOpenid: 'loca****-psb', role: 'staff', departments: ['psb'], halls: [], grants: [] }
const report = (extra: Record<string, unknown>) => ({
  format: 'csv', dryRun: true, total: 2000, valid: 2000, created: 2000, updated: 0, applied: false,
  errors: [], errorsTotal: 0, errorsTruncated: false, ...extra,
})

beforeEach(() => {
  __test.reset()
  fetchMock.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  ;(URL as unknown as { createObjectURL: (b: Blob) => string }).createObjectURL = () => 'blob:local/1'
  localIdentity.set('local-staff-psb')
})

describe('staff import page: sizes', () => {
  it('uploads a file above 90 KB to cloud storage once and passes only its fileID', async () => {
    const calls: { url: string; body: unknown }[] = []
    fetchMock.mockImplementation(async (url: string, init?: { body?: unknown }) => {
      if (url === 'blob:local/1') return { blob: async () => new Blob(['x']) }
      if (url === '/api/storage/upload') {
        calls.push({ url, body: (init?.body as FormData).get('cloudPath') })
        return { ok: true, status: 200, json: async () => ({ fileID: 'cloud://local-env.local/uploads/local-staff-psb/big.csv' }) }
      }
      const body = JSON.parse(String(init?.body))
      calls.push({ url, body })
      if (body.action === 'whoami') return ok(whoami)
      return ok(report({ dryRun: body.params.dryRun, applied: !body.params.dryRun }))
    })
    render(<ImportPage />)
    await screen.findByText('预检')
    const big = '事项名称,实施编码\n' + '很长的内容'.repeat(7000) // ≈ 105 KB of UTF-8
    fireEvent.change(screen.getByPlaceholderText('粘贴 CSV 内容（含表头）'), { target: { value: big } })
    screen.getByText(/将先上传到云存储/)

    fireEvent.click(screen.getByText('预检'))
    await screen.findByText(/预检通过：共2000条/)
    fireEvent.click(screen.getByText('导入'))
    await screen.findByText(/导入成功/)

    const uploads = calls.filter((c) => c.url === '/api/storage/upload')
    expect(uploads).toHaveLength(1)
    expect(String(uploads[0].body)).toMatch(/^uploads\/local-staff-psb\//)
    const imports = calls.filter((c) => (c.body as { action?: string }).action === 'import').map((c) => c.body)
    expect(imports).toEqual([
      { action: 'import', params: { format: 'csv', fileID: 'cloud://local-env.local/uploads/local-staff-psb/big.csv', dryRun: true } },
      { action: 'import', params: { format: 'csv', fileID: 'cloud://local-env.local/uploads/local-staff-psb/big.csv', dryRun: false } },
    ])
  })

  it('sends a small file inline and shows the full error count of a capped report', async () => {
    fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
      const body = JSON.parse(init.body)
      if (body.action === 'whoami') return ok(whoami)
      return ok(report({
        valid: 0,
        errors: Array.from({ length: 200 }, (_, i) => ({ row: i + 2, field: '事项名称', message: '必填项缺失' })),
        errorsTotal: 5000, errorsTruncated: true,
      }))
    })
    render(<ImportPage />)
    await screen.findByText('预检')
    fireEvent.change(screen.getByPlaceholderText('粘贴 CSV 内容（含表头）'), { target: { value: '事项名称\n' } })
    fireEvent.click(screen.getByText('预检'))
    await screen.findByText(/发现5000个问题/)
    screen.getByText('仅显示前200个问题，共5000个')
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2))
    expect(JSON.parse(fetchMock.mock.calls[1][1].body).params).toEqual({ format: 'csv', content: '事项名称\n', dryRun: true })
  })
})
