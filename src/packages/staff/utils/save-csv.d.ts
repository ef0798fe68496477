// Type face of the platform files: Taro picks save-csv.weapp.ts or save-csv.h5.ts.

/** Hands a CSV to the user: a download in the browser; in WeChat a file sent to a chat, or the text copied. Resolves to what happened, in Chinese. */
export declare function saveCsv(fileName: string, csv: string): Promise<string>
