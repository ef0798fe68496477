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
  const value = data === undefined ? {} : data;
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  } catch (e) {
    // A nesting deeper than JSON.stringify's recursion allows: count it without recursion, so the
    // event still reaches the function (whose router refuses it as too deep) instead of overflowing.
    if (e instanceof RangeError) return jsonBytesIterative(value);
    throw e;
  }
}

/** JSON.stringify's byte length for plain JSON data (objects, arrays, strings, numbers, booleans, null), on an explicit stack. */
function jsonBytesIterative(root: unknown): number {
  let bytes = 0;
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') {
      bytes += Buffer.byteLength(JSON.stringify(v) ?? 'null', 'utf8');
    } else if (Array.isArray(v)) {
      bytes += 2 + Math.max(0, v.length - 1);
      for (const item of v) stack.push(item === undefined || typeof item === 'function' ? null : item);
    } else {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && typeof x !== 'function');
      bytes += 2 + Math.max(0, entries.length - 1);
      for (const [k, x] of entries) {
        bytes += Buffer.byteLength(JSON.stringify(k), 'utf8') + 1;
        stack.push(x);
      }
    }
  }
  return bytes;
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
