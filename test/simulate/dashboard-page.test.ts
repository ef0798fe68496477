/**
 * The 效能看板 page as shipped in the weapp build (dist/): the F2 chart library loads in the
 * mini-program runtime without touching browser globals, the page asks the metrics function
 * and renders the cards and the <canvas type="2d"> the adapter draws on. metrics answers
 * here are fixed (its function is built separately); push and account are the real ones.
 */
import { invokeFunction } from '../../local-cloud'
import * as fs from 'fs'
import * as path from 'path'
import { main as matters } from '../../cloudfunctions/matters'
import { main as account } from '../../cloudfunctions/account'
import { main as push } from '../../cloudfunctions/push'
import { loadTaroPage, type CallFunctionRequest } from './taro-page-harness'
import { SIM_ADMIN, useSimCloud } from './sim-cloud'

const DASHBOARD = 'packages/staff/pages/dashboard/index'
const seedText = fs.readFileSync(path.resolve(__dirname, '../../seed/matters.json'), 'utf8')

const METRICS: Record<string, unknown> = {
  dashboard: { indicators: [{ key: 'goodRate', name: '好评率', num: 45, den: 48, area: 'evaluation', unit: 'ratio' }] },
  trend: { granularity: 'day', points: [{ period: '2026-03-01', num: 9, den: 10 }, { period: '2026-03-02', num: 19, den: 20 }] },
  compare: { rows: [{ departmentId: 'psb', name: '示例市公安局', num: 30, den: 32 }] },
  funnel: { steps: [{ key: 'bad', name: '差评', count: 3 }, { key: 'visited', name: '已回访', count: 2 }] },
}

const { track } = useSimCloud({
  functions: { matters, account, push },
  catalogue: seedText,
  seed: (invoke, admin) => invoke('push', { action: 'publishNotice', params: { title: '关于调整办公时间的通知', body: '<p>自7月1日起执行夏季作息</p>' } }, admin),
})

/** The admin's calls: real account and push, fixed metrics answers. */
async function asAdmin({ name, data }: CallFunctionRequest): Promise<{ result: unknown }> {
  if (name === 'metrics') return { result: { ok: true, data: METRICS[(data as { action: string }).action] } }
  return { result: await invokeFunction(name, data, { OPENID: SIM_ADMIN }) }
}

test('the dashboard loads with F2 in the weapp runtime and shows 好评率 from num/den with a 2d canvas', async () => {
  const p = track(await loadTaroPage(DASHBOARD, { callFunction: asAdmin }))
  await p.waitForText('93.8%', '45 / 48', '差评处理漏斗', '内容（通知公告）', '关于调整办公时间的通知')
  // Trend, comparison, funnel and the notices' reads each get a canvas once their answers are in.
  await p.waitFor(() => p.root.querySelectorAll('wx-canvas').length === 4, 'four chart canvases')
  expect(p.cloudCalls.filter((c) => c.name === 'metrics').map((c) => (c.data as { action: string }).action).sort())
    .toEqual(expect.arrayContaining(['compare', 'dashboard', 'funnel', 'trend']))
})
