import { useCallback, useEffect, useRef, useState } from 'react'
import type { ListFilter } from '@core/api'
import type { MatterSummary } from '@core/matter/schema'
import { callCloud, type ClientFail } from '@/services/cloud-client'

export const PAGE_SIZE = 20

interface State {
  title: string
  items: MatterSummary[]
  total: number
  page: number
  loading: boolean
  error?: ClientFail
}

/**
 * `matters.list` page by page: keeps what is loaded, appends the next page on demand, and
 * drops replies that arrive after the filter changed.
 */
export function useMatterPages(filter: ListFilter | undefined) {
  const [state, setState] = useState<State>({ title: '', items: [], total: 0, page: 0, loading: false })
  const generation = useRef(0)
  const key = filter ? `${filter.by}:${filter.value}` : ''

  const load = useCallback(
    async (page: number, gen: number) => {
      if (!filter) return
      setState((s) => ({ ...s, loading: true, error: undefined }))
      const res = await callCloud('matters', 'list', { ...filter, page, pageSize: PAGE_SIZE })
      if (gen !== generation.current) return
      setState((s) =>
        res.ok
          ? {
              title: res.data.title,
              items: page === 1 ? res.data.items : [...s.items, ...res.data.items],
              total: res.data.total,
              page,
              loading: false,
            }
          : { ...s, loading: false, error: res },
      )
    },
    // `key` captures the filter by value.
    [key],
  )

  useEffect(() => {
    const gen = ++generation.current
    setState({ title: '', items: [], total: 0, page: 0, loading: false })
    load(1, gen)
  }, [load])

  const hasMore = state.page > 0 && state.items.length < state.total
  return {
    ...state,
    hasMore,
    loadMore: () => {
      if (!state.loading && hasMore) load(state.page + 1, generation.current)
    },
    /** Retry whatever failed: the first page or the next one. */
    retry: () => load(state.page + 1, generation.current),
  }
}
