import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useMemo } from 'react'
import { PageShell } from '@/components/page-shell'
import { MatterCard } from '@/components/matter-card'
import { LoadState } from '@/components/load-state'
import { parseListFilter } from '@/utils/routes'
import { useMatterPages } from './use-matter-pages'
import './index.scss'

export default function MatterList() {
  const { params } = useRouter()
  const filter = useMemo(() => parseListFilter(params), [params.by, params.value])
  const list = useMatterPages(filter)

  useEffect(() => {
    if (list.title) Taro.setNavigationBarTitle({ title: list.title })
  }, [list.title])
  useReachBottom(list.loadMore)

  if (!filter) {
    return (
      <PageShell>
        <LoadState hasData={false} error={{ ok: false, code: 'INVALID_INPUT', message: '链接参数有误' }} invalidMessage='链接参数有误，请返回首页重新选择' />
      </PageShell>
    )
  }

  const firstPageFailed = list.page === 0 ? list.error : undefined
  return (
    <PageShell className='matter-list'>
      <LoadState error={firstPageFailed} hasData={list.page > 0} onRetry={list.retry} isEmpty={list.total === 0}
        empty={<Text className='muted'>该分类下暂无事项，可尝试搜索</Text>}
      >
        <View className='matter-list__head'>
          <Text className='matter-list__title'>{list.title}</Text>
          <Text className='muted'>共 {list.total} 项</Text>
        </View>
        {filter.by === 'lifeEvent' && (
          <View className='btn btn--primary btn--block matter-list__bundle'
            onClick={() => Taro.navigateTo({ url: `/packages/affairs/pages/bundle/index?lifeEvent=${encodeURIComponent(filter.value)}` })}>
            一件事一次办：合并填写、一次提交
          </View>
        )}
        {list.items.map((m) => (
          <MatterCard key={m.id} matter={m} />
        ))}
        <View className='matter-list__foot'>
          {list.error && <Text className='error-text'>{list.error.message}</Text>}
          {list.hasMore ? (
            <View className={`btn btn--block ${list.loading ? 'btn--disabled' : ''}`} onClick={list.error ? list.retry : list.loadMore}>
              {list.loading ? '加载中…' : list.error ? '重新加载' : `加载更多（已显示 ${list.items.length}/${list.total}）`}
            </View>
          ) : (
            <Text className='muted'>已显示全部 {list.total} 项</Text>
          )}
        </View>
      </LoadState>
    </PageShell>
  )
}
