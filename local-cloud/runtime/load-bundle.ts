/**
 * Evaluates a bundled cloud function (CommonJS text) with `require('wx-server-sdk')` bound to
 * the local cloud's SDK instance — the one the gateway configured — instead of the real SDK,
 * which must never load offline (it crashes Node 20 on a credential-less unhandled rejection).
 *
 * `new Function` rather than `vm.runInThisContext`: the compiled wrapper then belongs to the
 * realm of this module, so under jest the bundle's `Date`, `Error` and `Promise` are the same
 * intrinsics the local SDK sees and `instanceof` checks in the emulator keep working.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { SDK_PACKAGE } from './bundle-functions';

export interface FunctionModule {
  main: (event: unknown, context: unknown) => unknown;
  [key: string]: unknown;
}

export function loadBundle(code: string, filename: string, sdk: unknown): FunctionModule {
  const nodeRequire = createRequire(filename);
  const localRequire = Object.assign(
    (id: string): unknown => (id === SDK_PACKAGE ? sdk : nodeRequire(id)),
    { resolve: nodeRequire.resolve, cache: nodeRequire.cache, main: undefined },
  );
  const module = { exports: {} as Record<string, unknown>, id: filename, filename, loaded: false };
  // sourceURL names the bundle in stack traces, as if it were the deployed index.js.
  const wrapper = new Function('exports', 'require', 'module', '__filename', '__dirname', `${code}\n//# sourceURL=${filename}`);
  wrapper.call(module.exports, module.exports, localRequire, module, filename, path.dirname(filename));
  module.loaded = true;
  const exported = module.exports as Partial<FunctionModule>;
  if (typeof exported.main !== 'function') throw new Error(`云函数 ${filename} 没有导出 main(event, context)`);
  return exported as FunctionModule;
}
