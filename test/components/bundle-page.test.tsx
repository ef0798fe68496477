/**
 * The 一件事 page in jsdom: equivalent materials shown once, a material the bundle issues itself
 * not asked (and asked again when its issuer is left out), and the bundle's draft restored and saved.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { __test } from './taro-shim'
import { bodyOf, ok, useGatewayMock } from './gateway-mock'
import BundlePage from '@/packages/affairs/pages/bundle/index'
import type { BundleDefinition } from '@core/affairs/bundle'

const HOUSEHOLD = 'm-household'
const CERT = 'm-cert'
const DEF: BundleDefinition = {
  lifeEvent: 'newborn', name: '新生儿出生',
  matters: [
    { id: HOUSEHOLD, name: '新生儿出生登记（户口申报）', departmentName: '示例市公安局', fieldKeys: ['babyName'], materialIds: ['parent-id-card', 'birth-medical-certificate'] },
    { id: CERT, name: '出生医学证明首次签发', departmentName: '示例市卫生健康委员会', fieldKeys: ['babyName'], materialIds: ['parent-id-card', 'cert-form'] },
  ],
  fields: [{ key: 'babyName', label: '新生儿姓名', type: 'text', required: true }],
  materials: [
    { id: 'parent-id-card', name: '父母双方的居民身份证', necessity: '必要', matterIds: [HOUSEHOLD, CERT], producedBy: [] },
    { id: 'birth-medical-certificate', name: '《出生医学证明》', necessity: '必要', matterIds: [HOUSEHOLD], producedBy: [{ matterId: CERT, matterName: '出生医学证明首次签发' }] },
    { id: 'cert-form', name: '《出生医学证明首次签发登记表》', necessity: '必要', matterIds: [CERT], producedBy: [] },
  ],
}

const fetchMock = useGatewayMock()
const names = () => Array.from(document.querySelectorAll('.affairs-material__name')).map((e) => e.textContent)

beforeEach(() => {
  __test.router.params = { lifeEvent: 'newborn' }
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body)
    if (action === 'bundleForm') return ok(DEF)
    if (action === 'getDraft') return ok({ id: 'D1', matterId: '', matterName: '新生儿出生', lifeEvent: 'newborn', matterIds: [HOUSEHOLD, CERT], form: { babyName: '王小宝' }, materials: [], savedAt: '2026-12-01T02:00:00.000Z' })
    if (action === 'saveDraft') return ok({ id: 'D1' })
    return ok({ openid: 'local-citizen', maskedOpenid: 'loca****izen', role: 'citizen', departments: [], halls: [], grants: [] })
  })
})

it('asks each material once and not the one the bundle issues; asks it when its issuer is left out', async () => {
  render(<BundlePage />)
  await screen.findByText('《出生医学证明》：由本次一并办理的“出生医学证明首次签发”出具，无需上传')
  expect(names()).toEqual(['父母双方的居民身份证', '《出生医学证明首次签发登记表》'])
  fireEvent.click(screen.getByText('出生医学证明首次签发（示例市卫生健康委员会）'))
  await waitFor(() => expect(names()).toEqual(['父母双方的居民身份证', '《出生医学证明》']))
})

it('restores the saved draft and saves the bundle as a draft', async () => {
  render(<BundlePage />)
  await screen.findByText('已恢复上次保存的草稿')
  expect((document.querySelector('.field--babyName input') as HTMLInputElement).value).toBe('王小宝')
  fireEvent.click(screen.getByText('保存草稿'))
  await screen.findByText('草稿已保存，可稍后继续填写')
  const saved = fetchMock.mock.calls.map(bodyOf).find((b) => b.action === 'saveDraft')
  expect(saved.params).toEqual({ lifeEvent: 'newborn', matterIds: [HOUSEHOLD, CERT], form: { babyName: '王小宝' }, materials: [] })
})
