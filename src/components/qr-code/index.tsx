import { Image, View } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'
import './index.scss'

/**
 * A QR code drawn on the device (no network): qrcode-generator's matrix as a GIF data URL,
 * which Image shows on weapp and h5 alike.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M')
    qr.addData(text)
    qr.make()
    return qr.createDataURL(8, 4)
  }, [text])
  return (
    <View className='qr-code' data-text={text}>
      <Image className='qr-code__image' src={src} mode='aspectFit' ariaLabel={label} />
    </View>
  )
}
