import Taro from '@tarojs/taro'

/**
 * weapp: write the CSV into the user data directory and send it to a chat (shareFileMessage, so
 * it can be opened on a computer); where that is refused or unavailable, copy the text instead.
 */
export async function saveCsv(fileName: string, csv: string): Promise<string> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName.replace(/[\\/:*?"<>|]+/g, '_')}`
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({ filePath, data: csv, encoding: 'utf8', success: () => resolve(), fail: reject })
  })
  try {
    await Taro.shareFileMessage({ filePath, fileName })
    return `已发送 ${fileName}`
  } catch {
    await Taro.setClipboardData({ data: csv })
    return '已复制表格内容，可粘贴到电脑表格中'
  }
}
