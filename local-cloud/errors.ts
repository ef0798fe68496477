/**
 * SDK-shaped errors. wx-server-sdk rejects with a plain Error carrying `errCode` and `errMsg`,
 * where errMsg is `<api>:fail <code> <description>. <detail>` (or `<api>:fail <detail>` for
 * errCode -1). Emulating that exactly lets app code branch on errCode the same way locally.
 */

/** Descriptions wx-server-sdk prints next to TCB error codes (config/error.config in the SDK). */
const ERR_DESC: Record<number, string> = {
  [-501001]: 'resource system error',
  [-501007]: 'invalid parameters',
  [-502001]: 'database request fail',
  [-502002]: 'database invalid command',
  [-502005]: 'database collection not exists',
  [-503003]: 'storage file not exists',
  [-504002]: 'functions execute fail',
};

export const ErrCode = {
  SYS_ERR: -501001,
  INVALID_PARAM: -501007,
  DB_REQUEST_FAILED: -502001,
  DB_INVALID_COMMAND: -502002,
  DB_COLLECTION_NOT_EXIST: -502005,
  STORAGE_FILE_NONEXIST: -503003,
  FUNCTIONS_EXECUTE_FAIL: -504002,
} as const;

export interface SdkError extends Error {
  errCode: number;
  errMsg: string;
}

/** Thrown inside the emulator; converted to an SdkError by the public API wrapper. */
export class LocalCloudError extends Error {
  constructor(
    readonly errCode: number,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'LocalCloudError';
  }
}

export function isSdkError(e: unknown): e is SdkError {
  return e instanceof Error && typeof (e as Partial<SdkError>).errMsg === 'string';
}

export function makeSdkError(apiName: string, errCode: number, detail: string): SdkError {
  const desc = ERR_DESC[errCode];
  const msg = errCode === -1 || desc === undefined ? `${apiName}:fail ${detail}` : `${apiName}:fail ${errCode} ${desc}. ${detail}`;
  const err = new Error(msg) as SdkError;
  err.errCode = errCode;
  err.errMsg = msg;
  return err;
}

/** Mirrors wx-server-sdk's toSDKError: errors already in SDK shape pass through unchanged. */
export function toSdkError(e: unknown, apiName: string): SdkError {
  if (isSdkError(e)) return e;
  if (e instanceof LocalCloudError) return makeSdkError(apiName, e.errCode, e.detail);
  if (e instanceof Error) return makeSdkError(apiName, -1, e.message);
  return makeSdkError(apiName, -1, String(e));
}

/** Runs an API body and converts any failure into the SDK's rejection shape. */
export async function wrapApi<T>(apiName: string, body: () => T | Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    throw toSdkError(e, apiName);
  }
}
