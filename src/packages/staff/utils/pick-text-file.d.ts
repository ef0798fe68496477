// Type face of the platform files: Taro picks pick-text-file.weapp.ts or pick-text-file.h5.ts.
import type { PickedFile } from './picked-file'

/** Let the user choose a .json/.csv file and read it as UTF-8; undefined if they cancel. */
export declare function pickTextFile(): Promise<PickedFile | undefined>
