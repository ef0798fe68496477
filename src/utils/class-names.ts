/** Join truthy class names; small enough not to warrant a dependency. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ')
}
