/**
 * Design tokens: the single list of colours, type sizes, spacing and touch targets.
 * app.scss mirrors these as CSS variables on `.page-shell` (normal) and `.page-shell.elder`
 * (长辈版); test/components/theme-tokens.test.ts fails if the two drift apart or a text/background
 * pair drops below the WCAG / 适老化 contrast floor of 4.5:1.
 *
 * Lengths are design pixels on a 750-wide canvas: Taro turns them into rpx on weapp and rem on h5,
 * so 36 here is 36rpx = 18pt on a 375pt-wide phone.
 */
export type ThemeMode = 'normal' | 'elder'

export interface ThemeTokens {
  color: {
    primary: string
    primaryStrong: string
    primarySoft: string
    onPrimary: string
    accent: string
    accentSoft: string
    success: string
    successSoft: string
    warning: string
    warningSoft: string
    text: string
    textSecondary: string
    bg: string
    surface: string
    border: string
  }
  font: { caption: number; small: number; body: number; title: number; heading: number; display: number }
  space: { xs: number; sm: number; md: number; lg: number; xl: number }
  radius: { sm: number; md: number; lg: number }
  lineHeight: number
  /** Minimum width and height of anything tappable. */
  target: number
}

export const TOKENS: Record<ThemeMode, ThemeTokens> = {
  normal: {
    color: {
      primary: '#0B57D0',
      primaryStrong: '#003C9E',
      primarySoft: '#E8F0FE',
      onPrimary: '#FFFFFF',
      accent: '#B3261E',
      accentSoft: '#FCE8E6',
      success: '#146C2E',
      successSoft: '#E6F4EA',
      warning: '#8A5300',
      warningSoft: '#FFF4E5',
      text: '#1F2329',
      textSecondary: '#4E5969',
      bg: '#F4F6FA',
      surface: '#FFFFFF',
      border: '#C9CDD4',
    },
    font: { caption: 24, small: 26, body: 30, title: 34, heading: 40, display: 48 },
    space: { xs: 8, sm: 16, md: 24, lg: 32, xl: 48 },
    radius: { sm: 8, md: 16, lg: 24 },
    lineHeight: 1.5,
    target: 88,
  },
  // 适老化通用设计规范: body ≥ 18pt (36), largest ≥ 30pt (60), line height ≥ 1.3,
  // targets ≥ 60×60pt (120), stronger contrast and visible borders so colour is never the only cue.
  elder: {
    color: {
      primary: '#003C9E',
      primaryStrong: '#002A70',
      primarySoft: '#E8F0FE',
      onPrimary: '#FFFFFF',
      accent: '#9B1C14',
      accentSoft: '#FCE8E6',
      success: '#0D5323',
      successSoft: '#E6F4EA',
      warning: '#6B4000',
      warningSoft: '#FFF4E5',
      text: '#000000',
      textSecondary: '#333333',
      bg: '#FFFFFF',
      surface: '#FFFFFF',
      border: '#5C5F66',
    },
    font: { caption: 36, small: 36, body: 40, title: 46, heading: 52, display: 60 },
    space: { xs: 12, sm: 20, md: 32, lg: 40, xl: 56 },
    radius: { sm: 8, md: 16, lg: 24 },
    lineHeight: 1.6,
    target: 120,
  },
}

/** Text-on-background pairs the UI actually uses; each must keep ≥ 4.5:1 in both modes. */
export const CONTRAST_PAIRS: [keyof ThemeTokens['color'], keyof ThemeTokens['color']][] = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['textSecondary', 'bg'],
  ['textSecondary', 'surface'],
  ['primary', 'surface'],
  ['primary', 'bg'],
  ['primary', 'primarySoft'],
  ['onPrimary', 'primary'],
  ['onPrimary', 'primaryStrong'],
  ['onPrimary', 'accent'],
  ['accent', 'surface'],
  ['accent', 'accentSoft'],
  ['success', 'successSoft'],
  ['warning', 'warningSoft'],
]

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

/** The CSS variables app.scss must declare for a mode, e.g. `--font-body: 30px`. */
export function toCssVars(t: ThemeTokens): Record<string, string> {
  const vars: Record<string, string> = {}
  for (const [k, v] of Object.entries(t.color)) vars[`--color-${kebab(k)}`] = v
  for (const [k, v] of Object.entries(t.font)) vars[`--font-${k}`] = `${v}px`
  for (const [k, v] of Object.entries(t.space)) vars[`--space-${k}`] = `${v}px`
  for (const [k, v] of Object.entries(t.radius)) vars[`--radius-${k}`] = `${v}px`
  vars['--line-height'] = String(t.lineHeight)
  vars['--target'] = `${t.target}px`
  return vars
}
