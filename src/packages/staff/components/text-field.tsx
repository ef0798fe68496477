import { Input, Text, View } from '@tarojs/components'

/** A labelled one-line text input (`.field` styles in app.scss); `className` goes on the input. */
export function TextField({ label, value, onInput, className, placeholder, maxlength }: {
  label: string
  value: string
  onInput: (value: string) => void
  className?: string
  placeholder?: string
  maxlength?: number
}) {
  return (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      <Input className={className ? `field__input ${className}` : 'field__input'} value={value} placeholder={placeholder} maxlength={maxlength}
        onInput={(e) => onInput(e.detail.value)} />
    </View>
  )
}
