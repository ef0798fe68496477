import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ROUTES } from '@/utils/routes'
import './index.scss'

export const SEARCH_PLACEHOLDER = '搜索事项，如：护照、身份证丢了、sfz'

/** Looks like a search box; a tap opens the real search page (keeps the home page light). */
export function SearchEntry() {
  return (
    <View className='search-entry' hoverClass='search-entry--pressed' onClick={() => Taro.navigateTo({ url: ROUTES.search })}>
      <Text className='search-entry__icon'>⌕</Text>
      <Text className='search-entry__placeholder'>{SEARCH_PLACEHOLDER}</Text>
      <Text className='search-entry__button'>搜索</Text>
    </View>
  )
}
