import { Input, Picker, Text, View } from '@tarojs/components'
import type { FieldError, FormField, FormValue } from '@core/matter/form'
import { cx } from '@/utils/class-names'

/** One input per field type, generated from the matter's own form definition. */
export function FormFields({ fields, values, errors, onChange }: {
  fields: FormField[]
  values: Record<string, FormValue>
  errors: FieldError[]
  onChange: (key: string, value: FormValue | undefined) => void
}) {
  return (
    <View>
      {fields.map((f) => {
        const v = values[f.key]
        const err = errors.find((e) => e.key === f.key)
        return (
          <View key={f.key} className={cx('field', `field--${f.key}`)}>
            <Text className='field__label'>{f.label}{f.required ? ' *' : ''}</Text>
            <FieldInput field={f} value={v} onChange={(x) => onChange(f.key, x)} />
            {err && <Text className='error-text'>{err.message}</Text>}
          </View>
        )
      })}
    </View>
  )
}

const INPUT_MAX: Partial<Record<FormField['type'], number>> = { idNumber: 18, phone: 11, bankCard: 30, permitNumber: 20 }

function FieldInput({ field, value, onChange }: { field: FormField; value: FormValue | undefined; onChange: (v: FormValue | undefined) => void }) {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : ''
  // A health condition with listed choices (慢特病病种) is picked like a select; without, typed.
  const kind = field.type === 'health' ? (field.options?.length ? 'select' : 'text') : field.type
  switch (kind) {
    case 'date':
      return (
        <Picker mode='date' value={text} onChange={(e) => onChange(String(e.detail.value))}>
          <View className='field__input affairs-picker'>{text || '请选择日期'}</View>
        </Picker>
      )
    case 'select': {
      const options = field.options ?? []
      return (
        <View className='chips'>
          {options.map((o) => (
            <View key={o} className={cx('chip', value === o && 'chip--active')} onClick={() => onChange(o)}>{o}</View>
          ))}
        </View>
      )
    }
    case 'checkbox': {
      if (!field.options?.length) {
        return (
          <View className={cx('chip', value === true && 'chip--active')} onClick={() => onChange(value === true ? false : true)}>
            {value === true ? '✓ 已确认' : '点击确认'}
          </View>
        )
      }
      const list = Array.isArray(value) ? value : []
      return (
        <View className='chips'>
          {field.options.map((o) => (
            <View key={o} className={cx('chip', list.includes(o) && 'chip--active')}
              onClick={() => onChange(list.includes(o) ? list.filter((x) => x !== o) : [...list, o])}>{o}</View>
          ))}
        </View>
      )
    }
    default:
      return (
        <Input
          className='field__input'
          name={field.key}
          value={text}
          type={field.type === 'number' ? 'digit' : field.type === 'phone' || field.type === 'bankCard' ? 'number' : field.type === 'idNumber' ? 'idcard' : 'text'}
          maxlength={INPUT_MAX[field.type] ?? 200}
          placeholder={field.placeholder ?? `请输入${field.label}`}
          onInput={(e) => {
            const raw = e.detail.value
            onChange(field.type === 'number' ? (raw === '' ? undefined : Number(raw)) : raw)
          }}
        />
      )
  }
}
