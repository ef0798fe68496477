import type { NamedCount } from '@core/api'
import { useCloudQuery } from '@/hooks/use-cloud-query'

/**
 * Department code → name for display. Names come from the catalogue home (every department
 * that publishes matters); an unknown code is shown as 未登记部门 rather than as raw code.
 */
export function departmentLabel(code: string, departments: readonly NamedCount[] | undefined): string {
  return departments?.find((d) => d.id === code)?.name ?? (departments ? `未登记部门（${code}）` : '…')
}

export function useDepartments(enabled = true) {
  const home = useCloudQuery('matters', 'home', {}, { enabled })
  const list = home.data?.departments
  return {
    list: list ?? [],
    loaded: !!list,
    name: (code: string) => departmentLabel(code, list),
    names: (codes: readonly string[]) => codes.map((c) => departmentLabel(c, list)).join('、'),
  }
}
