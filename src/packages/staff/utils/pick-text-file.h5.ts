import type { PickedFile } from './picked-file'

/** Browsers open a file dialog from a hidden <input type=file>; FileReader decodes UTF-8. */
export function pickTextFile(): Promise<PickedFile | undefined> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.json,.csv,application/json,text/csv'
    input.addEventListener('cancel', () => resolve(undefined))
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      if (!file) return resolve(undefined)
      const reader = new FileReader()
      reader.onload = () => resolve({ name: file.name, content: String(reader.result ?? '') })
      reader.onerror = () => reject(reader.error)
      reader.readAsText(file, 'utf-8')
    })
    input.click()
  })
}
