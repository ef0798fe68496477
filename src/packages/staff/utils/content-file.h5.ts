/** Browsers: a blob: URL stands in for the temp file path (uploadToCloud fetches it). */
export async function contentToTempFile(content: string, _fileName: string): Promise<string> {
  return URL.createObjectURL(new Blob([content], { type: 'text/plain;charset=utf-8' }))
}
