import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { THEMES } from '@core/matter/taxonomy'
import type { NamedCount } from '@core/api'
import { PageShell } from '@/components/page-shell'
import { SearchEntry } from '@/components/search-entry'
import { NavRow } from '@/components/nav-row'
import { ElderSwitch } from '@/components/elder-switch'
import { IdentityBanner } from '@/components/identity-banner'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { listUrl } from '@/utils/routes'
import { percent } from '@/utils/matter-format'
import { shanghaiDate } from '@core/shanghai-time'
import './index.scss'

const go = (url: string) => Taro.navigateTo({ url })

/** All 13 themes in catalogue order, even those the server has no matters for yet. */
function themeCounts(fromServer: NamedCount[]): { name: string; count: number }[] {
  return THEMES.map((name) => ({
    name,
    count: fromServer.find((t) => t.id === name || t.name === name)?.count ?? 0,
  }))
}

export default function Home() {
  const home = useCloudQuery('matters', 'home', {})
  const notices = useCloudQuery('push', 'notices', { limit: 3 })
  const data = home.data
  useShareAppMessage(() => ({ title: '示例市智慧政务：办事指南一查就懂', path: '/pages/index/index' }))

  return (
    <PageShell className='home' tab>
      <View className='home__hero'>
        <Text className='home__title'>示例市智慧政务</Text>
        <Text className='home__subtitle'>一网通办 · 掌上可办 · 最多跑一次</Text>
        <SearchEntry />
      </View>

      <IdentityBanner />
      <ElderSwitch />

      <View className='section'>
        <NavRow className='home__consult' title='智能咨询' desc='办事问题随时问，答不了的转人工' onClick={() => go('/packages/consult/pages/chat/index')} />
      </View>
      {notices.data && notices.data.length > 0 && (
        <View className='section home__notices'>
          <View className='section__title'>通知公告</View>
          {notices.data.map((n) => (
            <NavRow
              key={n.id}
              className='home__notice'
              title={n.title}
              desc={`${shanghaiDate(n.publishedAt)} · ${n.summary}`}
              onClick={() => go(`/packages/push/pages/notice/index?id=${encodeURIComponent(n.id)}`)}
            />
          ))}
        </View>
      )}

      <LoadState error={home.error} hasData={!!data} onRetry={home.reload}>
        {data && (
          <>
            <View className='section home__totals'>
              <View className='home__total'>
                <Text className='home__total-value'>{data.totals.matters}</Text>
                <Text className='home__total-label'>事项数</Text>
              </View>
              <View className='home__total'>
                <Text className='home__total-value'>{data.totals.zeroVisit}</Text>
                <Text className='home__total-label'>跑零次（{percent(data.totals.zeroVisit, data.totals.matters)}）</Text>
              </View>
              <View className='home__total'>
                <Text className='home__total-value'>{data.totals.fullyOnline}</Text>
                <Text className='home__total-label'>全程网办</Text>
              </View>
            </View>

            <View className='section'>
              <View className='section__title'>按主题办事</View>
              <View className='home__themes'>
                {themeCounts(data.themes).map((t) => (
                  <View
                    key={t.name}
                    className='home__theme'
                    hoverClass='home__theme--pressed'
                    onClick={() => go(listUrl({ by: 'theme', value: t.name }))}
                  >
                    <Text className='home__theme-icon'>{t.name.slice(0, 1)}</Text>
                    <Text className='home__theme-name'>{t.name}</Text>
                    <Text className='home__theme-count'>{t.count}项</Text>
                  </View>
                ))}
              </View>
            </View>

            {data.lifeEvents.length > 0 && (
              <View className='section'>
                <View className='section__title'>一件事一次办</View>
                {data.lifeEvents.map((e) => (
                  <NavRow key={e.id} title={e.name} desc={e.description} extra={`${e.count}项`} onClick={() => go(listUrl({ by: 'lifeEvent', value: e.id }))} />
                ))}
              </View>
            )}

            {data.departments.length > 0 && (
              <View className='section'>
                <View className='section__title'>按部门查找</View>
                {data.departments.map((d) => (
                  <View key={d.id} className='row' hoverClass='row--pressed' onClick={() => go(listUrl({ by: 'department', value: d.id }))}>
                    <View className='row__main'>
                      <Text className='row__title'>{d.name}</Text>
                    </View>
                    <Text className='row__extra'>{d.count}项</Text>
                    <Text className='row__chevron'>›</Text>
                  </View>
                ))}
              </View>
            )}

            <View className='home__footer muted'>示例市政务服务数据管理局 主办 · 政务服务便民热线 12345</View>
          </>
        )}
      </LoadState>
    </PageShell>
  )
}
