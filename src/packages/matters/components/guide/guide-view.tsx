import { View } from '@tarojs/components'
import type { Matter } from '@core/matter/schema'
import { GuideHeader } from './guide-header'
import { GuideJumpBar } from './guide-jump-bar'
import { GuideBasics } from './guide-basics'
import { GuideConditions } from './guide-conditions'
import { GuideMaterials } from './guide-materials'
import { GuideSteps } from './guide-steps'
import { GuideTimeLimit } from './guide-time-limit'
import { GuideFees } from './guide-fees'
import { GuideResult } from './guide-result'
import { GuideContact } from './guide-contact'
import { GuideLegal } from './guide-legal'
import { GuideFaqs } from './guide-faqs'
import { BookingEntry } from '../booking-entry'
import { shanghaiDate } from '@core/shanghai-time'
import './guide.scss'

/** The whole 办事指南, in the order a citizen needs it: what, can I, what to bring, how long, cost, where. */
export function GuideView({ matter }: { matter: Matter }) {
  return (
    <View className='guide'>
      <GuideHeader matter={matter} />
      <GuideJumpBar />
      <BookingEntry matter={matter} />
      <GuideBasics matter={matter} />
      <GuideConditions matter={matter} />
      <GuideMaterials matter={matter} />
      <GuideSteps matter={matter} />
      <GuideTimeLimit matter={matter} />
      <GuideFees matter={matter} />
      <GuideResult matter={matter} />
      <GuideContact matter={matter} />
      <GuideLegal matter={matter} />
      <GuideFaqs matter={matter} />
      <View className='guide__updated muted'>
        指南版本 {matter.version} · 更新于 {shanghaiDate(matter.updatedAt)}
      </View>
    </View>
  )
}
