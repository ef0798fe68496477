import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { WhoAmI } from '@core/api'
import { CODE_LENGTH, CODE_PATTERN, normaliseCode, unusableReason } from '@core/account/invitation'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { callCloud, type ClientFail } from '@/services/cloud-client'
import { useDepartments } from '@/utils/departments'
import { ROUTES, readParam } from '@/utils/routes'
import { cx } from '@/utils/class-names'
import { InvitationGrantView, formatTime } from '../../components/invitation-grant'
import './index.scss'

const canScan = process.env.TARO_ENV === 'weapp'

/**
 * The employee's side of an invitation: enter or scan the code, see what it makes them, type
 * their name and bind. Their identity is whoever WeChat says is calling; nothing to type.
 */
export default function JoinPage() {
  const { params } = useRouter()
  const [input, setInput] = useState(() => normaliseCode(readParam(params.code)))
  const code = normaliseCode(input)
  const valid = CODE_PATTERN.test(code)
  const preview = useCloudQuery('account', 'previewInvitation', { code }, { enabled: valid })
  const depts = useDepartments()
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ClientFail>()
  const [bound, setBound] = useState<WhoAmI>()

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false })
      setInput(normaliseCode(res.path || res.result || ''))
    } catch {
      // cancelled
    }
  }

  const confirm = async () => {
    if (busy) return
    setBusy(true)
    setError(undefined)
    const res = await callCloud('account', 'acceptInvitation', { code, name: name.trim() })
    setBusy(false)
    if (res.ok) setBound(res.data)
    else setError(res)
  }

  if (bound) {
    return (
      <PageShell className='join'>
        <View className='section join__done'>
          <Text className='join__done-title'>绑定成功</Text>
          <View className='join__done-text'>
            {bound.name}，您已成为{bound.departments.length ? depts.names(bound.departments) : '本平台'}的{bound.role === 'admin' ? '管理员' : '工作人员'}。
            可在“我的 → 工作台”中使用工作人员功能。
          </View>
          <View className='btn btn--primary btn--block' onClick={() => Taro.switchTab({ url: ROUTES.mine })}>前往我的</View>
        </View>
      </PageShell>
    )
  }

  const inv = valid && preview.data?.code === code ? preview.data : undefined
  const blocked = inv ? unusableReason(inv.status) ?? (inv.alreadyStaff ? '您已是该部门的工作人员，无需再次绑定' : undefined) : undefined

  return (
    <PageShell className='join'>
      <View className='section'>
        <View className='section__title'>输入邀请码</View>
        <View className='muted join__hint'>邀请码由本单位管理员在“工作人员管理”中生成，共{CODE_LENGTH}位，只能使用一次。</View>
        <View className='join__code-row'>
          <Input
            className='field__input join__code'
            value={input}
            maxlength={CODE_LENGTH + 4}
            placeholder='请输入8位邀请码'
            onInput={(e) => setInput(e.detail.value)}
          />
          {canScan && <View className='btn join__scan' onClick={scan}>扫码</View>}
        </View>
        {input && !valid && <View className='error-text join__error'>邀请码为{CODE_LENGTH}位字母或数字，请核对</View>}
      </View>

      {valid && (
        <View className='section'>
          <View className='section__title'>绑定后您将成为</View>
          <LoadState error={preview.error} hasData={!!inv} onRetry={preview.error?.code === 'NOT_FOUND' ? undefined : preview.reload}>
            {inv && (
              <>
                <InvitationGrantView grant={inv} deptNames={depts.names} />
                <View className='kv'><View className='kv__key'>有效期至</View><View className='kv__value'>{formatTime(inv.expiresAt)}</View></View>
                {blocked ? (
                  <View className='error-text join__blocked'>{blocked}</View>
                ) : (
                  <>
                    <View className='field join__name'>
                      <Text className='field__label'>您的姓名（管理员将看到）</Text>
                      <Input className='field__input' value={name} maxlength={20} placeholder='请输入真实姓名' onInput={(e) => setName(e.detail.value)} />
                    </View>
                    {error && <View className='error-text join__error'>{error.message}</View>}
                    <View className={cx('btn btn--primary btn--block', (busy || !name.trim()) && 'btn--disabled')} onClick={() => name.trim() && confirm()}>
                      {busy ? '绑定中…' : '确认绑定'}
                    </View>
                  </>
                )}
              </>
            )}
          </LoadState>
        </View>
      )}
    </PageShell>
  )
}
