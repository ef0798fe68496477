// Type face of the platform files: Taro picks content-file.weapp.ts or content-file.h5.ts.

/** A temporary file path holding `content` (UTF-8), for uploadToCloud. */
export declare function contentToTempFile(content: string, fileName: string): Promise<string>
