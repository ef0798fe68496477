/**
 * The staff inbox: a bot turn before the handoff shows what it offered (您是不是想问's questions,
 * not the bare prompt), and a learned question says 已加入知识库, also when someone else learned it first.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { useGatewayMock, ok, fail, bodyOf } from './gateway-mock'
import { localIdentity } from '@/services/identity'
import ConsultInboxPage from '@/packages/staff/pages/consult-inbox/index'

const fetchMock = useGatewayMock()
const AGENT = { openid: 'agent', maskedOpenid: 'agen****', role: 'staff', departments: [], halls: [], grants: ['consult', 'knowledge'], name: '王坐席' }
const item = (over: object) => ({ id: 'q1', conversationId: 'cv1', maskedOpenid: 'citi****enid', question: '转人工', status: 'open', at: '2026-03-04T01:00:00Z', channel: 'app', reason: 'human', ...over })

it('shows the questions a suggestions turn offered, and the entries listed under an answer', async () => {
  localIdentity.set('local-agent')
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body)
    if (action === 'whoami') return ok(AGENT)
    if (action === 'inbox') return ok([item({
      context: {
        messages: [
          { role: 'citizen', text: '公积金', at: '2026-03-04T00:58:00Z' },
          { role: 'bot', text: '您是不是想问：', at: '2026-03-04T00:58:00Z', type: 'suggestions', suggestions: [{ id: 'faq-gjj-withdraw', question: '公积金怎么提取？' }, { id: 'faq-gjj-loan', question: '公积金贷款怎么申请？' }] },
          { role: 'citizen', text: '社保卡丢了', at: '2026-03-04T00:59:00Z' },
          { role: 'bot', text: '请携带身份证到网点补领。', at: '2026-03-04T00:59:00Z', type: 'answer', suggestions: [{ id: 'faq-shebao-new', question: '社保卡怎么申领？' }] },
        ],
        records: [],
      },
    })])
    return ok(null)
  })
  render(<ConsultInboxPage />)
  await screen.findByText('转人工')
  const offered = screen.getByText('您是不是想问：').closest('.consult-context__line') as HTMLElement
  expect(within(offered).getByText(/公积金怎么提取？/)).toBeTruthy()
  expect(within(offered).getByText(/公积金贷款怎么申请？/)).toBeTruthy()
  const answered = screen.getByText('请携带身份证到网点补领。').closest('.consult-context__line') as HTMLElement
  expect(within(answered).getByText('您可能还想问：')).toBeTruthy()
  expect(within(answered).getByText(/社保卡怎么申领？/)).toBeTruthy()
})

it('a learned question says 已加入知识库, open or answered, and offers no second learn', async () => {
  localIdentity.set('local-agent')
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body)
    if (action === 'whoami') return ok(AGENT)
    if (action === 'inbox') return ok([item({ question: '我家娃出生纸弄好了，户籍怎么跑', learnedAs: 'faq-newborn-hukou' })])
    return ok(null)
  })
  render(<ConsultInboxPage />)
  await screen.findByText('我家娃出生纸弄好了，户籍怎么跑')
  expect(screen.getByText('已加入知识库')).toBeTruthy()
  expect(screen.queryByText('加入知识库（学习）')).toBeNull()
})

it('learning a question someone has just learned reloads the inbox, which then shows it learned', async () => {
  localIdentity.set('local-agent')
  let learned = false
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action, params } = JSON.parse(init.body)
    if (action === 'whoami') return ok(AGENT)
    if (action === 'knowledge') return ok({ version: 3, kb: { version: 3, faqs: [], rules: [], synonyms: [] } })
    if (action === 'inbox') {
      return ok(params?.status === 'answered'
        ? [item({ status: 'answered', question: '老年优待卡在哪办', reply: '请到社区办理。', ...(learned ? { learnedAs: 'faq-learned-q1' } : {}) })]
        : [])
    }
    if (action === 'learn') { learned = true; return fail('CONFLICT', '该提问已加入知识库') }
    return ok(null)
  })
  render(<ConsultInboxPage />)
  await screen.findByText('暂无待答复的提问')
  fireEvent.click(screen.getByText('已答复'))
  await screen.findByText('老年优待卡在哪办')
  fireEvent.click(screen.getByText('加入知识库（学习）'))
  fireEvent.click(await screen.findByText('保存为新问答'))
  await screen.findByText('已加入知识库')
  expect(fetchMock.mock.calls.map(bodyOf).filter((b) => b.action === 'learn')).toHaveLength(1)
  expect(screen.queryByText('保存为新问答')).toBeNull()
})

it('a learn refused for personal data shows the reason in the form, and the item stays unlearned', async () => {
  localIdentity.set('local-agent')
  const REFUSAL = '答案含有办件或预约编号、手机号等个人信息，不能加入知识库；请改写为通用答案后再加入'
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action, params } = JSON.parse(init.body)
    if (action === 'whoami') return ok(AGENT)
    if (action === 'knowledge') return ok({ version: 3, kb: { version: 3, faqs: [], rules: [], synonyms: [] } })
    if (action === 'inbox') {
      return ok(params?.status === 'answered'
        ? [item({ status: 'answered', question: '我的社保卡补领已经受理好几天了，什么时候能拿到卡？', reply: '李女士您好，您的办件BJ20261205000914已受理，联系电话13900001111。' })]
        : [])
    }
    if (action === 'learn') return fail('INVALID_INPUT', REFUSAL)
    return ok(null)
  })
  render(<ConsultInboxPage />)
  await screen.findByText('暂无待答复的提问')
  fireEvent.click(screen.getByText('已答复'))
  await screen.findByText('我的社保卡补领已经受理好几天了，什么时候能拿到卡？')
  fireEvent.click(screen.getByText('加入知识库（学习）'))
  fireEvent.click(await screen.findByText('保存为新问答'))
  expect((await screen.findByText(REFUSAL)).className).toContain('consult-error')
  expect(screen.getByText('保存为新问答')).toBeTruthy()
  expect(screen.queryByText('已加入知识库')).toBeNull()
})

it('the learn form sends the answer only when the agent rewrote it into a general one', async () => {
  localIdentity.set('local-agent')
  const REPLY = '李女士您好，您的办件BJ20261205000914已受理，联系电话13900001111。'
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action, params } = JSON.parse(init.body)
    if (action === 'whoami') return ok(AGENT)
    if (action === 'knowledge') return ok({ version: 3, kb: { version: 3, faqs: [], rules: [], synonyms: [] } })
    if (action === 'inbox') return ok(params?.status === 'answered' ? [item({ status: 'answered', question: '社保卡补领多久能拿到', reply: REPLY })] : [])
    if (action === 'learn') return params.answer ? ok({ version: 4, faqId: 'faq-learned-q1' }) : fail('INVALID_INPUT', '答案含有办件或预约编号、手机号等个人信息，不能加入知识库；请改写为通用答案后再加入')
    return ok(null)
  })
  render(<ConsultInboxPage />)
  await screen.findByText('暂无待答复的提问')
  fireEvent.click(screen.getByText('已答复'))
  await screen.findByText('社保卡补领多久能拿到')
  fireEvent.click(screen.getByText('加入知识库（学习）'))
  fireEvent.click(await screen.findByText('保存为新问答'))
  await screen.findByText(/请改写为通用答案后再加入/)
  const answer = document.querySelector('.consult-learn__answer textarea, textarea.consult-learn__answer') as HTMLTextAreaElement
  expect(answer.value).toBe(REPLY)
  fireEvent.input(answer, { target: { value: '社保卡补领受理后一般 7 个工作日制卡，请到受理网点领取。' } })
  fireEvent.click(screen.getByText('保存为新问答'))
  const learns = () => fetchMock.mock.calls.map(bodyOf).filter((b) => b.action === 'learn')
  await waitFor(() => expect(learns()).toHaveLength(2))
  expect(learns().map((b) => b.params.answer)).toEqual([undefined, '社保卡补领受理后一般 7 个工作日制卡，请到受理网点领取。'])
  // Learned: the form closes.
  await waitFor(() => expect(screen.queryByText('保存为新问答')).toBeNull())
})
