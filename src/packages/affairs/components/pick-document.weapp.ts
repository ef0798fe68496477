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
