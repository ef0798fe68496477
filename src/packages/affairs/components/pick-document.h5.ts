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

function readBlob(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer()
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as ArrayBuffer)
    reader.onerror = () => reject(reader.error)
    reader.readAsArrayBuffer(blob)
  })
}

/** A picked file (blob: URL) is read locally: nothing leaves the browser for this check. */
export async function readFileHead(path: string, bytes: number): Promise<{ size: number; head: Uint8Array }> {
  // eslint-disable-next-line no-restricted-globals -- reads the blob: URL the picker just made; nothing goes to the network
  const blob = await (await fetch(path)).blob()
  return { size: blob.size, head: new Uint8Array(await readBlob(blob.slice(0, bytes))) }
}
