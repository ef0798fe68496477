/**
 * Jest project "components": React components and client services in jsdom, as built for h5.
 * Taro's own H5 runtime needs a full app bootstrap, so `@tarojs/taro` and `@tarojs/components`
 * are mapped to thin shims here (taro-shim.ts, taro-components-shim.tsx). Platform files resolve
 * like the h5 build does: `index.h5.tsx` wins over `index.tsx`.
 */
module.exports = {
  displayName: 'components',
  rootDir: '../..',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/components/**/*.test.ts?(x)'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  moduleFileExtensions: ['h5.tsx', 'h5.ts', 'tsx', 'ts', 'js', 'jsx', 'json'],
  moduleNameMapper: {
    '^@core/(.*)$': '<rootDir>/core/$1',
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@tarojs/taro$': '<rootDir>/test/components/taro-shim.ts',
    '^@tarojs/components$': '<rootDir>/test/components/taro-components-shim.tsx',
    '\\.(css|scss|sass|less)$': '<rootDir>/test/components/style-stub.js',
  },
  // Build-time constants from config/index.ts defineConstants, as in the local H5 preview.
  globals: { LOCAL_CLOUD: true, CLOUD_ENV: 'test-env' },
  setupFiles: ['<rootDir>/test/components/setup-env.js'],
  clearMocks: true,
}
