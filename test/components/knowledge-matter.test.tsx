/** Knowledge editor: staff link an FAQ to a matter by its 实施编码, so its answer shows the city's live facts. */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useGatewayMock, ok, bodyOf } from './gateway-mock'
import { localIdentity } from '@/services/identity'
import KnowledgePage from '@/packages/staff/pages/knowledge/index'

const fetchMock = useGatewayMock()
const FAQ = { id: 'faq-idcard-lost', category: '户籍', question: '身份证丢了怎么补办', similar: [], keywords: [], answer: '到户籍窗口补领。' }

it('saves the FAQ with the matter code typed into 关联事项', async () => {
  localIdentity.set('local-editor')
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body)
    if (action === 'whoami') return ok({ openid: 'editor', maskedOpenid: 'edit****', role: 'staff', departments: [], halls: [], grants: ['knowledge'], name: '赵编辑' })
    if (action === 'knowledge') return ok({ version: 3, kb: { faqs: [FAQ], rules: [], synonyms: [] } })
    if (action === 'saveEntry') return ok({ version: 4 })
    return ok(null)
  })
  render(<KnowledgePage />)
  fireEvent.click(await screen.findByText(FAQ.question))
  const field = await screen.findByText('关联事项（实施编码，可留空）')
  const input = field.parentElement!.querySelector('input')!
  fireEvent.change(input, { target: { value: '11999900MB0X12340001' } })
  fireEvent.input(input, { target: { value: '11999900MB0X12340001' } })
  fireEvent.click(screen.getByText('保存'))
  await waitFor(() => expect(fetchMock.mock.calls.map(bodyOf)).toContainEqual({ action: 'saveEntry', params: { kind: 'faq', entry: { ...FAQ, matter: '11999900MB0X12340001' } } }))
})

it('several codes separated by commas: the first is the matter, the rest the further matters', async () => {
  localIdentity.set('local-editor')
  const linked = { ...FAQ, matter: '11999900MB0X12340001', matters: ['11999900MB0X12340002'] }
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body)
    if (action === 'whoami') return ok({ openid: 'editor', maskedOpenid: 'edit****', role: 'staff', departments: [], halls: [], grants: ['knowledge'], name: '赵编辑' })
    if (action === 'knowledge') return ok({ version: 3, kb: { faqs: [linked], rules: [], synonyms: [] } })
    if (action === 'saveEntry') return ok({ version: 4 })
    return ok(null)
  })
  render(<KnowledgePage />)
  fireEvent.click(await screen.findByText(FAQ.question))
  const field = await screen.findByText('关联事项（实施编码，可留空）')
  const input = field.parentElement!.querySelector('input')!
  expect(input.value).toBe('11999900MB0X12340001，11999900MB0X12340002')
  const typed = '11999900MB0X12340002， 11999900MB0X12340003、11999900MB0X12340002'
  fireEvent.change(input, { target: { value: typed } })
  fireEvent.input(input, { target: { value: typed } })
  fireEvent.click(screen.getByText('保存'))
  await waitFor(() => expect(fetchMock.mock.calls.map(bodyOf)).toContainEqual({ action: 'saveEntry', params: { kind: 'faq', entry: { ...FAQ, matter: '11999900MB0X12340002', matters: ['11999900MB0X12340003'] } } }))
})
