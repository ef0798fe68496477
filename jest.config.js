/**
 * One jest run, five projects:
 *   domain     – pure core logic (no platform)
 *   functions  – cloud functions, local-cloud conformance and gateway, on the local cloud
 *   components – React components in jsdom (config in test/components)
 *   simulate   – miniprogram-simulate against the weapp build in dist/
 *   e2e        – headless Chromium journeys against the H5 build served by the gateway
 */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }];
const nodeProject = (name, roots, extra = {}) => ({
  displayName: name,
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': tsJest },
  testMatch: roots.map((r) => `<rootDir>/${r}/**/*.test.ts`),
  moduleNameMapper: {
    '^wx-server-sdk$': '<rootDir>/local-cloud/sdk/index.ts',
    '^@core/(.*)$': '<rootDir>/core/$1',
  },
  ...extra,
});

const path = require('path');

module.exports = {
  // Browser journeys and builds dominate; unit tests finish far below this.
  testTimeout: 60000,
  projects: [
    nodeProject('domain', ['test/domain']),
    nodeProject('functions', ['test/functions', 'test/local-cloud', 'test/gateway', 'test/scripts']),
    path.join(__dirname, 'test/components/jest.config.js'),
    nodeProject('simulate', ['test/simulate'], {
      testEnvironment: 'jsdom',
      // jsdom would pick mingo's ESM build; the local cloud runs in these tests, so resolve as Node does.
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      setupFiles: ['<rootDir>/test/simulate/node-globals.ts'],
    }),
    nodeProject('e2e', ['test/e2e']),
  ],
};
