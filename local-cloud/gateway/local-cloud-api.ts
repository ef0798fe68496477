/**
 * The gateway's only door into the local cloud (local-cloud/index.ts, owned by the emulator).
 * Keeping the calls here means a change in that API is one file to follow.
 */
import * as localCloud from '../index';

export type CallerIdentity = Parameters<typeof localCloud.invokeFunction>[2];

export interface Caller {
  openid?: string;
  clientIp?: string;
  /** 'wx_trigger' for timers, as getWXContext().SOURCE reports on WeChat. */
  source?: string;
}

export function identityOf(caller: Caller): NonNullable<CallerIdentity> {
  const id: NonNullable<CallerIdentity> = {};
  if (caller.openid) id.OPENID = caller.openid;
  if (caller.clientIp) id.CLIENTIP = caller.clientIp;
  if (caller.source) id.SOURCE = caller.source;
  return id;
}

export const configureLocalCloud = localCloud.configureLocalCloud;
export const registerFunction = localCloud.registerFunction;

export function invoke(name: string, data: unknown, caller: Caller, timeLimitMs?: number): Promise<unknown> {
  return localCloud.invokeFunction(name, data, identityOf(caller), timeLimitMs === undefined ? {} : { timeLimitMs });
}

/** What a user "received in WeChat": openapi calls addressed to them, oldest first. */
export function inboxOf(openid: string): unknown[] {
  return localCloud.getOpenapiSink({ touser: openid });
}

/** The H5 imitation of WeChat's subscription dialog: what WeChat itself would now hold for this user. */
export function recordSubscribeDialog(openid: string, answers: { templateId: string; result: 'accept' | 'reject' | 'ban' | 'filter'; kind: 'once' | 'long' }[]): void {
  for (const a of answers) localCloud.grantSubscription(openid, a.templateId, a.result, a.kind);
}

/** Whether a `/storage/` URL's `t` and `sign` were issued by getTempFileURL for this path and are still valid. */
export function isSignedFor(cloudPath: string, t: string, sign: string): boolean {
  return localCloud.verifyTempFileUrl(cloudPath, t, sign);
}

/** A file uploaded through `cloud.uploadFile`, by cloudPath. */
export function readStored(cloudPath: string): { content: Buffer; contentType: string } | undefined {
  return localCloud.readStoredFile(cloudPath);
}

/** A mini-program user's upload (the storage rule was checked by the caller); returns its fileID. */
export function storeUpload(cloudPath: string, content: Buffer, ownerOpenid: string): string {
  return localCloud.storeClientUpload(cloudPath, content, ownerOpenid);
}
