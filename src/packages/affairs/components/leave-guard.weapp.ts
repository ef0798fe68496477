import Taro from '@tarojs/taro'

/** WeChat asks on the back gesture / button (wx.enableAlertBeforeUnload). */
export function guardLeave(on: boolean, message: string): void {
  if (on) Taro.enableAlertBeforeUnload({ message })
  else Taro.disableAlertBeforeUnload()
}
