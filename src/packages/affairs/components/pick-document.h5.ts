import type { PickedDocument } from './pick-document'

/**
 * Browsers: a hidden <input type=file> accepting PDFs and images (Taro.chooseImage only takes
 * images and re-encodes them). The server still checks the type by content.
 */
export function pickDocuments(count: number): Promise<PickedDocument[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'application/pdf,.pdf,image/jpeg,image/png,image/webp,image/heic'
    input.multiple = count > 1
    input.addEventListener('cancel', () => resolve([]))
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).slice(0, count)
      resolve(files.map((f) => ({ path: URL.createObjectURL(f), name: f.name })))
    })
    input.click()
  })
}
