/**
 * `npm run lint` (a step of `npm test`): the architecture of README「架构」, held by the linter.
 *
 *   core/                  pure domain logic: no wx-server-sdk, @tarojs/*, Node built-ins (`node:*` or
 *                          bare `crypto`, `fs`, …), no `process` / `wx` globals, no require() or import(),
 *                          nothing from the outer layers (src/, cloudfunctions/, local-cloud/, scripts/, test/)
 *   src/ except services/  pages, components, hooks: never `fetch`, `Taro.cloud`, `Taro.request`, `wx.cloud`,
 *                          `wx.request` — they call src/services/ (cloud-client.ts and friends), the only
 *                          place that knows weapp from h5; nor server code (wx-server-sdk, cloudfunctions/, …)
 *   cloudfunctions/        never local-cloud/ (the local cloud stands in for wx-server-sdk, unseen), src/,
 *                          scripts/, test/
 *   src/                   React's rules of hooks (hooks at the top level of components and hooks only)
 *   everywhere             no unused variables (a leading `_` marks one kept on purpose)
 *
 * Syntax only, no type information: the whole repository lints in about 20 s on 2 shared cores. `core/tsconfig.json`
 * (no DOM, no Node types) backs the core rules up at type-check time.
 * An `eslint-disable` comment the linter does not need is itself an error.
 */
import { builtinModules } from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

const coreIsPure = 'core/ 是纯领域逻辑：平台能力（微信、Taro、云开发 SDK、Node、环境变量）由调用方注入';
const pagesUseServices = '页面与组件只通过 src/services/（cloud-client.ts 等）访问云函数与网关';
const noNodeInApp = '小程序代码不得依赖 Node 内置模块';

/** Imports of another top-level layer: relative (`../../src/…`) or through baseUrl (`src/…`). */
const outerLayer = (...layers) => ({
  regex: `^(\\.\\./)*(${layers.join('|')})(/|$)`,
  message: `不得依赖 ${layers.join(' / ')}：分层见 README「架构」`,
});

export default defineConfig([
  globalIgnores(['node_modules/', 'dist/', 'dist-h5/', 'build/', '.data/', 'coverage/', 'test-results/', '.swc/']),

  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {
        args: 'after-used',
        argsIgnorePattern: '^_',
        varsIgnorePattern: '^_',
        caughtErrorsIgnorePattern: '^_',
        destructuredArrayIgnorePattern: '^_',
        ignoreRestSiblings: true,
      }],
    },
  },

  {
    files: ['core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'wx-server-sdk', message: coreIsPure },
          ...nodeBuiltins.map((name) => ({ name, message: coreIsPure })),
        ],
        patterns: [
          { group: ['@tarojs/*'], message: coreIsPure },
          { regex: '^node:', message: coreIsPure },
          { group: ['@/*'], message: coreIsPure },
          outerLayer('src', 'cloudfunctions', 'local-cloud', 'scripts', 'test'),
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: `${coreIsPure}（不读 process.env）` },
        { name: 'wx', message: coreIsPure },
        { name: 'require', message: `${coreIsPure}（只用静态 import）` },
      ],
      'no-restricted-syntax': ['error',
        { selector: 'ImportExpression', message: `${coreIsPure}（只用静态 import）` },
      ],
    },
  },

  {
    files: ['src/**'],
    ignores: ['src/services/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: pagesUseServices }],
      'no-restricted-properties': ['error',
        { object: 'window', property: 'fetch', message: pagesUseServices },
        { object: 'globalThis', property: 'fetch', message: pagesUseServices },
        { object: 'Taro', property: 'cloud', message: pagesUseServices },
        { object: 'Taro', property: 'request', message: pagesUseServices },
        { object: 'wx', property: 'cloud', message: pagesUseServices },
        { object: 'wx', property: 'request', message: pagesUseServices },
      ],
      'no-restricted-imports': ['error', {
        paths: [
          { name: '@tarojs/taro', importNames: ['cloud', 'request'], message: pagesUseServices },
          { name: 'wx-server-sdk', message: pagesUseServices },
          ...nodeBuiltins.map((name) => ({ name, message: noNodeInApp })),
        ],
        patterns: [
          { regex: '^node:', message: noNodeInApp },
          outerLayer('cloudfunctions', 'local-cloud', 'scripts', 'test'),
        ],
      }],
    },
  },

  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error' },
  },

  {
    files: ['cloudfunctions/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@/*'], message: '云函数不得依赖小程序前端 src/' },
          outerLayer('src', 'local-cloud', 'scripts', 'test'),
        ],
      }],
    },
  },
]);
