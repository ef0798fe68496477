export interface PickedFile {
  name: string
  content: string
}

/** The catalogue formats we accept, read from the file name. */
export function formatOf(fileName: string): 'json' | 'csv' | undefined {
  const ext = fileName.toLowerCase().split('.').pop()
  return ext === 'json' ? 'json' : ext === 'csv' ? 'csv' : undefined
}
