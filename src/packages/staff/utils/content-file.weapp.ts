import Taro from '@tarojs/taro'

/** weapp: write into the user data directory (what Taro.cloud.uploadFile reads from). */
export function contentToTempFile(content: string, fileName: string): Promise<string> {
  const safe = fileName.replace(/[^A-Za-z0-9._-]+/g, '') || 'catalogue.txt'
  const filePath = `${Taro.env.USER_DATA_PATH}/import-${Date.now()}-${safe}`
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: content,
      encoding: 'utf8',
      success: () => resolve(filePath),
      fail: reject,
    })
  })
}
