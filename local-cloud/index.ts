/** Local cloud: offline emulation of the wx-server-sdk surface our cloud functions use. */
import sdk = require('./sdk');

export { sdk };
export {
  configureLocalCloud, getLocalCloudConfig, getStore, resetLocalCloud,
  runInvocation, currentWXContext, registerFunction, declareCollections, isDeclaredCollection, listDeclaredCollections, timeoutOf,
  DEFAULT_TIME_LIMIT_MS, unregisterFunction, getFunction, listFunctions, invokeFunction, settleInvocations,
  getOpenapiSink, clearOpenapiSink, DEFAULT_APPID, DEFAULT_ENV_ID,
} from './context';
export type {
  LocalCloudOptions, LocalCloudConfig, InvocationIdentity, RegisterOptions, InvokeOptions, WXContext, FunctionContext, FunctionHandler, SinkRecord,
} from './context';
export { readStoredFile, publicUrlFor, verifyTempFileUrl, fileIdFor, cloudPathOf, contentTypeFor, storeClientUpload, fileOwnerOf } from './storage';
export { SINK_REVIEW_WORDS, SINK_RISKY_WORDS } from './openapi/validate';
export { grantSubscription, subscriptionOf, clearSubscriptions, setSinkFaults, type SinkFaults } from './openapi/quota';
export { LocalDatabase } from './db/database';
export { MAX_LIMIT } from './db/engine';
export type { SdkError } from './errors';
