// Type face of the platform files: Taro picks leave-guard.weapp.ts or leave-guard.h5.ts.

/** While `on`, leaving the page asks first (`message`); off once the input is saved. */
export function guardLeave(on: boolean, message: string): void
