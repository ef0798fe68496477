import Taro from '@tarojs/taro'
import type { PickedDocument } from './pick-document'

/** weapp has no file dialog: the citizen picks a PDF or picture they were sent in a chat. */
export async function pickDocuments(count: number): Promise<PickedDocument[]> {
  try {
    const res = await Taro.chooseMessageFile({ count, type: 'file', extension: ['pdf', 'jpg', 'jpeg', 'png'] })
    return res.tempFiles.map((f) => ({ path: f.path, name: f.name }))
  } catch {
    return []
  }
}

/** Reads the temp file locally (FileSystemManager, base library ≥ 2.10 for position/length). */
export async function readFileHead(path: string, bytes: number): Promise<{ size: number; head: Uint8Array }> {
  const fs = Taro.getFileSystemManager()
  const { size } = fs.statSync(path) as { size: number }
  const data = size ? (fs.readFileSync(path, undefined, 0, Math.min(bytes, size)) as ArrayBuffer) : new ArrayBuffer(0)
  return { size, head: new Uint8Array(data) }
}
