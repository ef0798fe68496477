import fs from 'fs'
import path from 'path'
import { CONTRAST_PAIRS, TOKENS, toCssVars, type ThemeMode } from '@/theme/tokens'

const scss = fs.readFileSync(path.join(__dirname, '../../src/app.scss'), 'utf8')

function declaredVars(selector: string): Record<string, string> {
  const start = scss.indexOf(`${selector} {`)
  if (start < 0) throw new Error(`${selector} block missing from app.scss`)
  const block = scss.slice(start, scss.indexOf('}', start))
  const vars: Record<string, string> = {}
  for (const m of block.matchAll(/(--[\w-]+):\s*([^;]+);/g)) vars[m[1]] = m[2].trim()
  return vars
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

const SELECTORS: Record<ThemeMode, string> = { normal: '.page-shell', elder: '.page-shell.elder' }

describe('design tokens', () => {
  it.each(Object.keys(SELECTORS) as ThemeMode[])('app.scss mirrors tokens.ts for %s mode', (mode) => {
    expect(declaredVars(SELECTORS[mode])).toEqual(toCssVars(TOKENS[mode]))
  })

  it.each(Object.keys(SELECTORS) as ThemeMode[])('%s mode keeps text contrast ≥ 4.5:1', (mode) => {
    const c = TOKENS[mode].color
    for (const [fg, bg] of CONTRAST_PAIRS) {
      expect({ pair: `${fg}/${bg}`, ok: contrast(c[fg], c[bg]) >= 4.5 }).toEqual({ pair: `${fg}/${bg}`, ok: true })
    }
  })

  it('长辈版 meets the 适老化 sizes (750 design px: 36 = 18pt, 60 = 30pt, 120 = 60pt)', () => {
    const e = TOKENS.elder
    expect(Math.min(...Object.values(e.font))).toBeGreaterThanOrEqual(36)
    expect(e.font.display).toBeGreaterThanOrEqual(60)
    expect(e.lineHeight).toBeGreaterThanOrEqual(1.3)
    expect(e.target).toBeGreaterThanOrEqual(120)
    expect(TOKENS.normal.target).toBeGreaterThanOrEqual(88)
  })
})
