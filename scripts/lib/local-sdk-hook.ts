/** Routes require('wx-server-sdk') to the local cloud, for scripts that load functions from source. */
import Module = require('module');
import * as path from 'node:path';

const sdkPath = path.resolve(__dirname, '../../local-cloud/sdk/index.ts');
const M = Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string };
const orig = M._resolveFilename;
M._resolveFilename = function (req: string, ...rest: unknown[]) {
  return req === 'wx-server-sdk' ? sdkPath : orig.call(this, req, ...rest);
};
