import Taro from '@tarojs/taro'
import { Input, RichText, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { hasGrant } from '@core/policy'
import { sanitizeRichText } from '@core/push/rich-text'
import { PageShell } from '@/components/page-shell'
import { callCloud } from '@/services/cloud-client'
import { RoleGate } from '../../components/role-gate'
import { noticeUrl } from '../../../push/utils'
import '../../../push/push.scss'

/** Paragraphs typed as plain text become <p>; staff may also use a small HTML subset (sanitised). */
function toHtml(text: string): string {
  if (/<(p|h3|ul|ol|strong|em|br)\b/i.test(text)) return text
  return text.split(/\n{1,}/).map((p) => p.trim()).filter(Boolean).map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('')
}

function Publish() {
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [images, setImages] = useState('')
  const [message, setMessage] = useState('')
  const submit = async () => {
    const res = await callCloud('push', 'publishNotice', { title: title.trim(), body: toHtml(body), images: images.split(/\s+/).filter(Boolean) })
    if (!res.ok) return setMessage(res.message)
    Taro.showToast({ title: '已发布', icon: 'success' })
    Taro.redirectTo({ url: noticeUrl(res.data.id) })
  }
  return (
    <>
      <View className='section'>
        <Text className='muted'>标题</Text>
        <Input className='input notice-title' value={title} maxlength={60} onInput={(e) => setTitle(e.detail.value)} />
        <Text className='muted'>正文（空行分段，可用 &lt;strong&gt; 等简单格式）</Text>
        <Textarea className='input notice-body-input' value={body} maxlength={5000} onInput={(e) => setBody(e.detail.value)} />
        <Text className='muted'>图片地址（可选，多个用空格分隔）</Text>
        <Input className='input' value={images} onInput={(e) => setImages(e.detail.value)} />
      </View>
      {body && (
        <View className='section'>
          <View className='section__title'>预览</View>
          <RichText className='notice-body' nodes={sanitizeRichText(toHtml(body))} />
        </View>
      )}
      {message && <View className='section error-text'>{message}</View>}
      <View className='section'><View className='btn btn--primary btn--block notice-publish' onClick={submit}>发布</View></View>
    </>
  )
}

export default function NoticePublishPage() {
  return (
    <PageShell className='staff-notice-publish'>
      <RoleGate min='staff'>{(me) => (hasGrant(me, 'notices') ? <Publish /> : <View className='section'>您没有发布通知公告的权限。</View>)}</RoleGate>
    </PageShell>
  )
}
