/**
 * Offline stand-in for `wx-server-sdk`. Jest's moduleNameMapper (or the local runtime's
 * require hook) points `require('wx-server-sdk')` here, so cloud functions run unchanged.
 *
 * `export =` makes module.exports the sdk object itself, so `const cloud = require(...)`,
 * `import cloud = require(...)`, `import cloud from ...` (esModuleInterop) and
 * `import * as cloud from ...` all see the same members.
 */
import {
  currentIdentity, currentWXContext, getFunction, invokeFunction, type InvocationIdentity, type WXContext,
} from '../context';
import { ErrCode, LocalCloudError, makeSdkError, wrapApi } from '../errors';
import { LocalDatabase, type DatabaseOptions } from '../db/database';
import { openapi } from '../openapi';
import { deleteFile, downloadFile, getTempFileURL, uploadFile } from '../storage';
import { isPlainObject, jsonCopy, newRequestId, nextTick } from '../util';
import { oversizedCallData } from '../call-limits';

interface InitOptions {
  env?: string | symbol | Record<string, string | symbol>;
  /** Default for database({ throwOnNotFound }). */
  throwOnNotFound?: boolean;
  traceUser?: boolean;
}

let initOptions: InitOptions = {};

/** Accepted for compatibility; the local cloud has exactly one environment. */
function init(options: InitOptions = {}): void {
  initOptions = { ...options };
}

/** Same registry symbol @cloudbase uses, so code comparing against it keeps working. */
const DYNAMIC_CURRENT_ENV: symbol = Symbol.for('SYMBOL_CURRENT_ENV');

/** Identity of the current invocation (set by runInvocation / invokeFunction). */
function getWXContext(): WXContext {
  return currentWXContext();
}

interface CallFunctionParam {
  name: string;
  data?: Record<string, unknown>;
}

/**
 * Calls another registered function. Like WeChat, the callee sees the caller's OPENID and a
 * SOURCE extended with ",scf"; data and result travel as JSON (Dates become strings).
 */
function callFunction(param: CallFunctionParam): Promise<{ result: unknown; errMsg: string; requestId: string; requestID: string }> {
  const api = 'cloud.callFunction';
  return wrapApi(api, async () => {
    if (!isPlainObject(param) || typeof param.name !== 'string' || !param.name) {
      throw new LocalCloudError(-1, 'Params for callFunction must be an object with a string name');
    }
    if (param.data !== undefined && !isPlainObject(param.data)) throw new LocalCloudError(-1, 'callFunction data must be an object');
    const oversized = oversizedCallData(param.data);
    if (oversized) throw oversized;
    const requestId = newRequestId();
    if (!getFunction(param.name)) {
      throw new LocalCloudError(ErrCode.FUNCTIONS_EXECUTE_FAIL, `requestID ${requestId}, FunctionName parameter could not be found (function "${param.name}" is not registered)`);
    }
    const caller = currentIdentity() ?? {};
    const callerSource = caller.SOURCE ?? (caller.OPENID ? 'wx_client' : undefined);
    const identity: InvocationIdentity = { ...caller, SOURCE: callerSource ? `${callerSource},scf` : 'scf' };
    await nextTick();
    let result: unknown;
    try {
      result = await invokeFunction(param.name, param.data ?? {}, identity);
    } catch (e) {
      throw new LocalCloudError(ErrCode.FUNCTIONS_EXECUTE_FAIL, `requestID ${requestId}, ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
    const json = result === undefined ? null : jsonCopy(result);
    return { result: json, errMsg: `${api}:ok`, requestId, requestID: requestId };
  });
}

function database(options: DatabaseOptions = {}): LocalDatabase {
  return new LocalDatabase(options, { throwOnNotFound: initOptions.throwOnNotFound });
}

/** cloud.logger(): structured logs go to the console locally. */
function logger(): Record<'log' | 'info' | 'warn' | 'error', (o: Record<string, unknown>) => void> {
  const emit = (level: 'log' | 'info' | 'warn' | 'error') => (o: Record<string, unknown>) => console[level](JSON.stringify({ level, ...o }));
  return { log: emit('log'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

function getOpenData(): never {
  throw makeSdkError('getOpenData', -1, 'getOpenData is not emulated by the local cloud');
}

const sdk = {
  init,
  DYNAMIC_CURRENT_ENV,
  getWXContext,
  callFunction,
  database,
  uploadFile,
  getTempFileURL,
  downloadFile,
  deleteFile,
  openapi,
  logger,
  getOpenData,
};

export = sdk;
