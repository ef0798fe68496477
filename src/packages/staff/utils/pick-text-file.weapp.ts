import Taro from '@tarojs/taro'
import type { PickedFile } from './picked-file'

/** weapp has no file dialog; staff forward the file into a chat and pick it from there. */
export async function pickTextFile(): Promise<PickedFile | undefined> {
  let file: { name: string; path: string }
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['json', 'csv'] })
    file = res.tempFiles[0]
  } catch (e) {
    if (/cancel/.test((e as { errMsg?: string }).errMsg ?? '')) return undefined
    throw e
  }
  if (!file) return undefined
  const content = await new Promise<string>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'utf8',
      success: (r) => resolve(String(r.data)),
      fail: reject,
    })
  })
  return { name: file.name, content }
}
