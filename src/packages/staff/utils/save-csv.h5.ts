/** Browsers: download the CSV through a blob: link (the text already starts with a BOM for Excel). */
export async function saveCsv(fileName: string, csv: string): Promise<string> {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Revoked after the click has been handled; revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
  return `已下载 ${fileName}`
}
