/**
 * Uploads to cloud storage, the only door for files (pages never call Taro.cloud directly):
 *   weapp → Taro.cloud.uploadFile({ cloudPath, filePath })
 *   h5    → POST /api/storage/upload (multipart: cloudPath + file) on the gateway → { fileID }
 * Citizens and staff upload only under `uploads/<openid>/`; the server checks that again.
 */
import Taro from '@tarojs/taro'
import { localIdentity } from './identity'

/** `uploads/<openid>/<time>-<random>-<safe name>`: unique, and recognisably the caller's. */
export function userUploadPath(openid: string, fileName: string): string {
  const ext = (/\.([A-Za-z0-9]{1,5})$/.exec(fileName)?.[1] ?? 'jpg').toLowerCase()
  const base = fileName.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]+/g, '').slice(0, 24) || 'file'
  return `uploads/${openid}/${Date.now()}-${Math.random().toString(36).slice(2, 8)}-${base}.${ext}`
}

export async function uploadToCloud(tempFilePath: string, cloudPath: string): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: tempFilePath })
    return res.fileID
  }
  const blob = await (await fetch(tempFilePath)).blob()
  const body = new FormData()
  body.append('cloudPath', cloudPath)
  body.append('file', blob, cloudPath.split('/').pop())
  const headers: Record<string, string> = {}
  if (LOCAL_CLOUD) headers['x-local-openid'] = localIdentity.get()
  const res = await fetch('/api/storage/upload', { method: 'POST', body, headers })
  const json = (await res.json()) as { fileID?: string; message?: string; result?: { fileID?: string } }
  const fileID = json.fileID ?? json.result?.fileID
  if (!res.ok || !fileID) throw new Error(json.message || '上传失败，请重试')
  return fileID
}
