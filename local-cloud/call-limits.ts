/**
 * WeChat's cap on callFunction `data`: about 100 KB, counted on the JSON the client sends. The
 * local cloud must never be looser than WeChat, or a page that works in the preview fails on
 * phones; so every callFunction path (gateway, cloud.callFunction, the test harness) checks here.
 * Events WeChat itself builds (timers, HTTP access, message push) are not callFunction data.
 */
import { makeSdkError, type SdkError } from './errors';

export const CALL_DATA_LIMIT_BYTES = 100 * 1024;

/** WeChat's refusal, as wx.cloud.callFunction rejects: errCode -1, errMsg `cloud.callFunction:fail data exceed max size`. */
const DETAIL = 'data exceed max size';

const TRIGGER_SOURCES = ['wx_trigger', 'wx_http', 'wx_message_push'];

/** UTF-8 bytes of the JSON of data, the way the client serialises it (undefined data sends `{}`). */
export function callDataBytes(data: unknown): number {
  return Buffer.byteLength(JSON.stringify(data === undefined ? {} : data) ?? '', 'utf8');
}

export function isTriggerSource(source: string | undefined): boolean {
  return !!source && TRIGGER_SOURCES.includes(source);
}

/** The SDK-shaped rejection WeChat gives for data over the cap. */
export function callDataRefusal(): SdkError {
  return makeSdkError('cloud.callFunction', -1, DETAIL);
}

/** The rejection for data over the cap, or null when it fits. */
export function oversizedCallData(data: unknown): SdkError | null {
  return callDataBytes(data) > CALL_DATA_LIMIT_BYTES ? callDataRefusal() : null;
}
