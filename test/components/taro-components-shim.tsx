/**
 * Thin React DOM stand-ins for the Taro components the app uses. They keep class names, ids and
 * text, map Taro's `onInput(e.detail.value)` onto DOM inputs, and drop mini-program-only props.
 */
import { createElement, type ReactNode } from 'react'

type Props = {
  className?: string
  id?: string
  style?: unknown
  children?: ReactNode
  onClick?: (e: unknown) => void
  [key: string]: unknown
}

function passThrough(tag: string) {
  return function TaroShim({ className, id, children, onClick }: Props) {
    return createElement(tag, { className, id, onClick }, children)
  }
}

export const View = passThrough('div')
export const Text = passThrough('span')
export const ScrollView = passThrough('div')
export const Button = passThrough('button')

type FieldProps = Props & {
  value?: string
  placeholder?: string
  onInput?: (e: { detail: { value: string } }) => void
  onConfirm?: (e: { detail: { value: string } }) => void
}

function field(tag: 'input' | 'textarea') {
  return function TaroField({ className, value, placeholder, onInput, onConfirm }: FieldProps) {
    return createElement(tag, {
      className,
      value: value ?? '',
      placeholder,
      onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }),
      onKeyDown: (e: { key: string; currentTarget: { value: string } }) => {
        if (e.key === 'Enter') onConfirm?.({ detail: { value: e.currentTarget.value } })
      },
    })
  }
}

export const Input = field('input')
export const Textarea = field('textarea')

export function Image({ className, src }: Props & { src?: string }) {
  return createElement('img', { className, src })
}

/** Picker (mode='date'): its children plus a date input standing in for the native wheel. */
export function Picker({ className, children, value, onChange }: Props & { value?: string; onChange?: (e: { detail: { value: string } }) => void }) {
  return createElement('div', { className }, children, createElement('input', {
    type: 'date', className: 'picker-shim', value: value ?? '',
    onChange: (e: { target: { value: string } }) => onChange?.({ detail: { value: e.target.value } }),
  }))
}

/** RichText with an HTML string, as the h5 build renders it (the pages sanitise it first). */
export function RichText({ className, nodes }: Props & { nodes?: string }) {
  return createElement('div', { className, dangerouslySetInnerHTML: { __html: typeof nodes === 'string' ? nodes : '' } })
}
