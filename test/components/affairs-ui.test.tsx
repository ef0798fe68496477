/**
 * 在线申办 UI pieces in jsdom: the generated form with its Chinese validation messages (the same
 * validateForm the apply page runs before submitting), the case timeline (department names,
 * material names instead of ids, newest first) and the due-date / status display.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { idCheckChar, validateForm, type FieldError, type FormValue, type MatterForm } from '@core/matter/form'
import type { TimelineEntry } from '@core/affairs/model'
import { FormFields } from '@/packages/affairs/components/form-fields'
import { CaseTimeline } from '@/components/case-timeline'
import { daysLeftText, STATUS_TONE } from '@/packages/affairs/utils'

const TODAY = '2026-03-10'
const FORM: MatterForm = {
  fields: [
    { key: 'name', label: '申请人姓名', type: 'text', required: true },
    { key: 'idNumber', label: '公民身份号码', type: 'idNumber', required: true },
    { key: 'phone', label: '联系电话', type: 'phone', required: true },
    { key: 'since', label: '居住日期', type: 'date', required: true, notFuture: true },
    { key: 'reason', label: '申领事由', type: 'select', required: true, options: ['就业', '就读'] },
    { key: 'note', label: '备注', type: 'text', required: false },
    { key: 'promise', label: '承诺属实', type: 'checkbox', required: true },
  ],
} as MatterForm

/** The apply page's loop: FormFields + validateForm on 提交. */
function Harness({ onValid }: { onValid: (v: Record<string, FormValue>) => void }) {
  const [values, setValues] = useState<Record<string, FormValue>>({})
  const [errors, setErrors] = useState<FieldError[]>([])
  return (
    <div>
      <FormFields fields={FORM.fields} values={values} errors={errors}
        onChange={(k, v) => setValues((o) => { const n = { ...o }; if (v === undefined || v === '') delete n[k]; else n[k] = v; return n })} />
      <button onClick={() => { const r = validateForm(FORM, values, TODAY); setErrors(r.errors); if (!r.errors.length) onValid(r.values) }}>提交</button>
    </div>
  )
}

const errorOf = (container: HTMLElement, key: string) => container.querySelector(`.field--${key} .error-text`)?.textContent
const input = (container: HTMLElement, key: string) => container.querySelector<HTMLInputElement>(`.field--${key} input`)!

describe('generated application form', () => {
  it('renders every field with its label and marks required ones', () => {
    const { container } = render(<Harness onValid={jest.fn()} />)
    expect(Array.from(container.querySelectorAll('.field__label')).map((e) => e.textContent)).toEqual([
      '申请人姓名 *', '公民身份号码 *', '联系电话 *', '居住日期 *', '申领事由 *', '备注', '承诺属实 *',
    ])
    expect(screen.getByText('就业')).toBeTruthy()
    expect(screen.getByText('点击确认')).toBeTruthy()
  })

  it('enforces required fields and explains each problem in Chinese', () => {
    const onValid = jest.fn()
    const { container } = render(<Harness onValid={onValid} />)
    fireEvent.click(screen.getByText('提交'))
    expect(errorOf(container, 'name')).toBe('不能为空')
    expect(errorOf(container, 'idNumber')).toBe('不能为空')
    expect(errorOf(container, 'reason')).toBe('请选择')
    expect(errorOf(container, 'promise')).toBe('请勾选')
    expect(errorOf(container, 'note')).toBeUndefined()
    expect(onValid).not.toHaveBeenCalled()
  })

  it('refuses a wrong check digit, a bad phone and a future date; accepts them corrected', () => {
    const onValid = jest.fn()
    const { container } = render(<Harness onValid={onValid} />)
    const id17 = '11010519491231002'
    const good = id17 + idCheckChar(id17)
    const bad = id17 + (good.endsWith('1') ? '2' : '1')
    fireEvent.change(input(container, 'name'), { target: { value: '张三' } })
    fireEvent.change(input(container, 'idNumber'), { target: { value: bad } })
    fireEvent.change(input(container, 'phone'), { target: { value: '1381234567' } })
    fireEvent.change(input(container, 'since'), { target: { value: '2026-03-11' } })
    fireEvent.click(screen.getByText('就读'))
    fireEvent.click(screen.getByText('点击确认'))
    fireEvent.click(screen.getByText('提交'))
    expect(errorOf(container, 'idNumber')).toBe('校验位不正确，请核对')
    expect(errorOf(container, 'phone')).toBe('应为11位手机号码')
    expect(errorOf(container, 'since')).toBe('不能晚于今天')
    expect(errorOf(container, 'name')).toBeUndefined()
    expect(onValid).not.toHaveBeenCalled()

    // Editing a field clears nothing else; fixing all three lets it through.
    fireEvent.change(input(container, 'idNumber'), { target: { value: good.toLowerCase() } })
    fireEvent.change(input(container, 'phone'), { target: { value: '13812345678' } })
    fireEvent.change(input(container, 'since'), { target: { value: TODAY } })
    fireEvent.click(screen.getByText('提交'))
    expect(container.querySelectorAll('.error-text')).toHaveLength(0)
    expect(onValid).toHaveBeenCalledWith({ name: '张三', idNumber: good.toUpperCase(), phone: '13812345678', since: TODAY, reason: '就读', promise: true })
  })
})

describe('case timeline', () => {
  const entries: TimelineEntry[] = [
    { seq: 1, at: '2026-03-02T01:00:00.000Z', action: 'submit', status: 'submitted', by: '申请人' },
    { seq: 2, at: '2026-03-02T06:30:00.000Z', action: 'accept', status: 'accepted', by: '示例市公安局', comment: '材料齐全' },
    { seq: 3, at: '2026-03-03T02:00:00.000Z', action: 'requestSupplement', status: 'supplement', by: '示例市公安局', comment: '证明不清晰', materials: ['m0001abc'], fields: ['phone'] },
    { seq: 4, at: '2026-03-05T02:00:00.000Z', action: 'complete', status: 'completed', by: '示例市公安局', result: { decision: '准予', expressNo: 'SF1402345678901' } },
  ]

  it('lists every step newest first, by department, in Shanghai time, with names instead of ids', () => {
    const { container } = render(
      <CaseTimeline entries={entries} materials={[{ id: 'm0001abc', name: '落户地址证明' }]} fields={[{ key: 'phone', label: '联系电话' }]} />,
    )
    const items = Array.from(container.querySelectorAll('.case-timeline__item')).map((e) => e.textContent ?? '')
    expect(items).toHaveLength(4)
    expect(items[0]).toContain('办结')
    expect(items[0]).toContain('办理结果：准予，快递单号SF1402345678901')
    expect(items[1]).toContain('需补正材料：落户地址证明')
    expect(items[1]).toContain('需补正信息：联系电话')
    expect(items[1]).not.toContain('m0001abc')
    expect(items[2]).toContain('示例市公安局')
    expect(items[2]).toContain('14:30') // 06:30 UTC shown as Asia/Shanghai
    expect(items[3]).toContain('申请人')
  })
})

describe('due date and status display', () => {
  it('says how many working days are left, overdue, or paused', () => {
    expect(daysLeftText(3)).toBe('剩余3个工作日')
    expect(daysLeftText(0)).toBe('剩余0个工作日')
    expect(daysLeftText(-2)).toBe('已超期2个工作日')
    expect(daysLeftText(4, true)).toBe('暂停计时（剩余4个工作日）')
    expect(daysLeftText(undefined)).toBe('')
  })

  it('gives finished and waiting statuses distinct tones', () => {
    expect(STATUS_TONE.completed).toBe('badge--success')
    expect(STATUS_TONE.supplement).toBe('badge--accent')
    expect(STATUS_TONE.submitted).not.toBe(STATUS_TONE.completed)
  })
})
