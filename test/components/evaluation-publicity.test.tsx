/** 评价公示: metrics.publicBoard's 好评率, 按时办结率, 跑零次率 per department and month, beside the 差评 figures. */
import { render, waitFor } from '@testing-library/react'
import { bodyOf, ok, useGatewayMock } from './gateway-mock'
import Publicity from '@/packages/evaluation/pages/publicity/index'

const fetchMock = useGatewayMock()
const r = (num: number, den: number) => ({ num, den })

it('calls metrics.publicBoard and shows its three rates with the 差评 figures of evaluation.publicity, newest month first', async () => {
  fetchMock.mockImplementation(async (url: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body)
    if (url.endsWith('/metrics') && action === 'publicBoard') {
      return ok({ rows: [
        { month: '2026-11', departmentName: '示例市公安局', goodRate: r(9, 10), onTimeRate: r(19, 20), zeroVisitRate: r(1, 4) },
        { month: '2026-12', departmentName: '示例市公安局', goodRate: r(3, 4), onTimeRate: r(7, 8), zeroVisitRate: r(1, 4) },
      ] })
    }
    if (url.endsWith('/evaluation') && action === 'publicity') {
      return ok({ rows: [
        { month: '2026-12', unitName: '示例市公安局', ratings: 4, goodRate: r(3, 4), badCount: 1, rectifiedRate: r(1, 1), onTimeRate: r(0, 1), excluded: 0 },
        { month: '2026-12', unitName: '市民中心', ratings: 2, goodRate: r(2, 2), badCount: 0, rectifiedRate: r(0, 0), onTimeRate: r(0, 0), excluded: 1 },
      ] })
    }
    throw new Error(`unexpected ${url} ${action}`)
  })
  const { container } = render(<Publicity />)
  await waitFor(() => expect(container.querySelectorAll('.evaluation-publicity__row')).toHaveLength(3))
  expect(fetchMock.mock.calls.map((c) => `${c[0]} ${bodyOf(c).action}`)).toEqual(expect.arrayContaining([expect.stringMatching(/metrics publicBoard$/), expect.stringMatching(/evaluation publicity$/)]))

  const rows = Array.from(container.querySelectorAll('.evaluation-publicity__row'))
  const text = (i: number) => rows[i].textContent ?? ''
  expect(rows.map((row) => row.querySelector('.section__title')?.textContent)).toEqual(['2026-12 · 市民中心', '2026-12 · 示例市公安局', '2026-11 · 示例市公安局'])
  expect(text(1)).toContain('好评率75.0%')
  expect(text(1)).toContain('按时办结率87.5%')
  expect(text(1)).toContain('跑零次率25.0%')
  expect(text(1)).toContain('差评数1')
  expect(text(1)).toContain('差评整改率100.0%')
  expect(text(1)).toContain('按期整改率0.0%')
  expect(text(2)).toContain('按时办结率95.0%')
  expect(text(2)).not.toContain('差评数')
  expect(text(0)).toContain('已剔除1')
  expect(text(0)).not.toContain('按时办结率')
})
