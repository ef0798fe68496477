import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useGatewayMock, ok, bodyOf } from './gateway-mock'
import KnowledgePage from '@/packages/staff/pages/knowledge/index'
import type { ResultOf } from '@core/api'
import recorded from './recorded-replies.json'

const fetchMock = useGatewayMock()
const whoami: ResultOf<'account', 'whoami'> = { ...(recorded.whoamiStaff as ResultOf<'account', 'whoami'>), grants: ['knowledge'] }
const knowledge: ResultOf<'consult', 'knowledge'> = {
  version: 7,
  kb: {
    version: 7,
    faqs: [{ id: 'faq-passport', category: '出入境', question: '护照怎么办', similar: ['办护照'], keywords: ['护照'], answer: '携带身份证到出入境窗口办理。' }],
    rules: [{ id: 'rule-office-hours', keywords: ['几点上班'], match: 'contains', priority: 50, reply: { type: 'text', content: '工作日9:00-17:00' } }],
    synonyms: [['护照', '因私护照']],
  },
}

/** Replies by action; writes stay pending until released, like a slow network. */
function serve(): { release: () => void } {
  const pending: (() => void)[] = []
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body)
    if (action === 'whoami') return ok(whoami)
    if (action === 'knowledge') return ok(knowledge)
    if (action === 'kbHistory') return ok([{ version: 7, change: '编辑问答', by: 'x', at: '2026-12-01T02:00:00.000Z' }])
    if (action === 'saveEntry') return new Promise((resolve) => pending.push(() => resolve(ok({ version: 8 }))))
    if (action === 'rollback') return new Promise((resolve) => pending.push(() => resolve(ok({ version: 8, restored: 6 }))))
    return ok({})
  })
  return { release: () => pending.splice(0).forEach((r) => r()) }
}
const sent = (action: string) => fetchMock.mock.calls.filter((c) => bodyOf(c).action === action)

describe('knowledge editor', () => {
  it('saves an edited answer once for a double tap on 保存', async () => {
    const slow = serve()
    const { container } = render(<KnowledgePage />)
    fireEvent.click(await screen.findByText('护照怎么办'))
    const answer = container.querySelector('.kb-editor__answer textarea')!
    fireEvent.input(answer, { target: { value: '携带身份证和照片到出入境窗口办理。' } })
    const save = screen.getByText('保存')
    fireEvent.click(save)
    fireEvent.click(save)
    await waitFor(() => expect(sent('saveEntry')).toHaveLength(1))
    slow.release()
    await waitFor(() => expect(container.querySelector('.kb-editor')).toBeNull())
    expect(sent('saveEntry')).toHaveLength(1)
    expect(bodyOf(sent('saveEntry')[0]).params).toEqual({
      kind: 'faq', entry: { ...knowledge.kb.faqs[0], answer: '携带身份证和照片到出入境窗口办理。' },
    })
  })

  it('rolls back once for a double tap on 回滚上一步', async () => {
    const slow = serve()
    render(<KnowledgePage />)
    fireEvent.click(await screen.findByText('修改记录'))
    const rollback = await screen.findByText('回滚上一步')
    fireEvent.click(rollback)
    fireEvent.click(rollback)
    await waitFor(() => expect(sent('rollback')).toHaveLength(1))
    slow.release()
    await waitFor(() => expect(sent('knowledge').length).toBeGreaterThan(1))
    expect(sent('rollback')).toHaveLength(1)
  })
})
