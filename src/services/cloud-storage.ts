/**
 * Uploading a user's file to cloud storage, the one place pages do it:
 *   weapp → Taro.cloud.uploadFile({ cloudPath, filePath })
 *   h5    → the chosen file (a blob: URL from Taro.chooseImage / chooseMessageFile) is fetched
 *           and POSTed as multipart to the gateway's /api/storage/upload
 * Either way the result is a `fileID` to pass to a cloud function (never the file itself:
 * callFunction data is capped at about 100 KB in WeChat).
 *
 * The storage rule we deploy lets a user write only under `uploads/<own openid>/`; build paths
 * with `userUploadPath`.
 */
import Taro from '@tarojs/taro'
import { initCloud } from './cloud-client'
import { localIdentityHeaders } from './identity'

export type UploadResult = { ok: true; fileID: string } | { ok: false; code: string; message: string }

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

const UPLOAD_FAIL: UploadResult = { ok: false, code: 'NETWORK', message: '文件上传失败，请检查网络后重试' }

/** `uploads/<openid>/<time>-<safe name>`: unique per upload, never escapes the user's folder. */
export function userUploadPath(openid: string, fileName: string, now: number = Date.now()): string {
  const base = fileName.split(/[\\/]/).pop() ?? ''
  const safe = base
    .replace(/[\u0000-\u001f\u007f:*?"<>|]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(-80)
  return `uploads/${openid}/${now}-${safe || 'file'}`
}

async function viaWeChatCloud(tempFilePath: string, cloudPath: string): Promise<UploadResult> {
  initCloud()
  const res = await Taro.cloud.uploadFile({ cloudPath, filePath: tempFilePath })
  return res.fileID ? { ok: true, fileID: res.fileID } : UPLOAD_FAIL
}

async function viaHttpGateway(tempFilePath: string, cloudPath: string): Promise<UploadResult> {
  const blob = await (await fetch(tempFilePath)).blob()
  if (blob.size > MAX_UPLOAD_BYTES) return { ok: false, code: 'PAYLOAD_TOO_LARGE', message: '文件不能超过 10 MB' }
  const form = new FormData()
  form.append('cloudPath', cloudPath)
  form.append('file', blob, cloudPath.split('/').pop() || 'file')
  const res = await fetch('/api/storage/upload', { method: 'POST', headers: localIdentityHeaders(), body: form })
  const body: unknown = await res.json().catch(() => undefined)
  if (res.ok && body && typeof (body as { fileID?: unknown }).fileID === 'string') {
    return { ok: true, fileID: (body as { fileID: string }).fileID }
  }
  const fail = body && typeof body === 'object' ? (body as { result?: { ok?: unknown; code?: unknown; message?: unknown } }).result : undefined
  if (fail && fail.ok === false && typeof fail.code === 'string' && typeof fail.message === 'string') {
    return { ok: false, code: fail.code, message: fail.message }
  }
  return UPLOAD_FAIL
}

const transport = process.env.TARO_ENV === 'weapp' ? viaWeChatCloud : viaHttpGateway

export async function uploadToCloud(tempFilePath: string, cloudPath: string): Promise<UploadResult> {
  try {
    return await transport(tempFilePath, cloudPath)
  } catch {
    return UPLOAD_FAIL
  }
}
