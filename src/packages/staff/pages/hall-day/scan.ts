import Taro from '@tarojs/taro'

/** Scanning exists on weapp only; on h5 staff type the code. */
export const canScan = process.env.TARO_ENV === 'weapp'

export async function scanCode(): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    return res.result || null
  } catch {
    return null
  }
}
