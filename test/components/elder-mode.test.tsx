import { act, fireEvent, render, screen } from '@testing-library/react'
import { __test } from './taro-shim'
import { PageShell } from '@/components/page-shell'
import { ElderSwitch } from '@/components/elder-switch'
import { elderMode } from '@/theme/elder-mode'

beforeEach(() => __test.reset())

const rootOf = (container: HTMLElement) => container.firstElementChild as HTMLElement

describe('长辈版', () => {
  it('toggles the elder class on the page root and persists the choice', () => {
    const { container } = render(
      <PageShell className='home'>
        <ElderSwitch />
      </PageShell>,
    )
    const root = rootOf(container)
    expect(root.className).toBe('page-shell home')
    screen.getByText('已关闭')

    fireEvent.click(screen.getByText('长辈版'))
    expect(root.classList.contains('elder')).toBe(true)
    // State is spelled out, not shown by colour alone.
    screen.getByText('已开启')
    expect(__test.storage.get('smartgov:elder-mode')).toBe(true)

    fireEvent.click(screen.getByText('点击关闭'))
    expect(root.classList.contains('elder')).toBe(false)
    expect(__test.storage.get('smartgov:elder-mode')).toBe(false)
  })

  it('starts in elder mode when it was chosen before', () => {
    __test.storage.set('smartgov:elder-mode', true)
    const { container } = render(<PageShell />)
    expect(rootOf(container).classList.contains('elder')).toBe(true)
  })

  it('re-themes pages already open when switched elsewhere', () => {
    const other = render(<PageShell className='other-page' />)
    act(() => elderMode.set(true))
    expect(rootOf(other.container).classList.contains('elder')).toBe(true)
  })
})
