import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { MAX_INLINE_IMPORT_BYTES, MAX_UPLOAD_IMPORT_BYTES, type ImportReport } from '@core/matter/import'
import { CSV_COLUMNS } from '@core/matter/import-format'
import { utf8Length } from '@core/text/hygiene'
import { PageShell } from '@/components/page-shell'
import { callCloud, type ClientFail } from '@/services/cloud-client'
import { uploadToCloud, userUploadPath } from '@/services/cloud-storage'
import { cx } from '@/utils/class-names'
import { RoleGate } from '../../components/role-gate'
import { ImportReportView } from '../../components/import-report-view'
import { pickTextFile } from '../../utils/pick-text-file'
import { formatOf } from '../../utils/picked-file'
import { contentToTempFile } from '../../utils/content-file'
import './index.scss'

type Format = 'json' | 'csv'

/** Above this a file is shown as a card instead of being poured into the text box. */
const INLINE_EDIT_LIMIT = 20000

const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10240 ? 1 : 0)} KB`

function ImportForm({ openid }: { openid: string }) {
  const [format, setFormat] = useState<Format>('csv')
  const [content, setContent] = useState('')
  const [fileName, setFileName] = useState('')
  const [busy, setBusy] = useState<'upload' | 'check' | 'import' | null>(null)
  const [report, setReport] = useState<ImportReport>()
  const [failure, setFailure] = useState<ClientFail>()
  // The upload of the current content, reused by 预检 then 导入.
  const [uploaded, setUploaded] = useState<{ content: string; fileID: string }>()

  const bytes = utf8Length(content)
  // callFunction carries ~100 KB: larger files go to cloud storage first and only the fileID is sent.
  const viaStorage = bytes > MAX_INLINE_IMPORT_BYTES
  const tooLarge = bytes > MAX_UPLOAD_IMPORT_BYTES

  const fileIdFor = async (): Promise<string> => {
    if (uploaded && uploaded.content === content) return uploaded.fileID
    const name = fileName || `catalogue.${format}`
    const up = await uploadToCloud(await contentToTempFile(content, name), userUploadPath(openid, name))
    if (!up.ok) throw new Error(up.message)
    const fileID = up.fileID
    setUploaded({ content, fileID })
    return fileID
  }

  const changeContent = (next: string, name = '') => {
    setContent(next)
    setFileName(name)
    // A report only describes the content it was made for.
    setReport(undefined)
    setFailure(undefined)
  }

  const choose = async () => {
    try {
      const file = await pickTextFile()
      if (!file) return
      const detected = formatOf(file.name)
      if (detected) setFormat(detected)
      changeContent(file.content, file.name)
    } catch {
      Taro.showToast({ title: '读取文件失败，请重试', icon: 'none' })
    }
  }

  const run = async (dryRun: boolean) => {
    if (!content.trim() || busy || tooLarge) return
    if (!dryRun) {
      const { confirm } = await Taro.showModal({
        title: '确认导入',
        content: report?.errors.length === 0 && !report.applied
          ? `将新增${report.created}条、更新${report.updated}条事项，确定导入？`
          : '尚未预检通过。导入前会再次校验，有任何错误将整批不导入。确定继续？',
      })
      if (!confirm) return
    }
    setFailure(undefined)
    let fileID: string | undefined
    if (viaStorage) {
      setBusy('upload')
      try {
        fileID = await fileIdFor()
      } catch (e) {
        setBusy(null)
        setReport(undefined)
        setFailure({ ok: false, code: 'NETWORK', message: `文件上传失败（${e instanceof Error ? e.message : '网络异常'}），请重试` })
        return
      }
    }
    setBusy(dryRun ? 'check' : 'import')
    const res = await callCloud('matters', 'import', fileID ? { format, fileID, dryRun } : { format, content, dryRun })
    setBusy(null)
    if (res.ok) setReport(res.data)
    else {
      setReport(undefined)
      setFailure(res)
    }
  }

  const copyHeader = () =>
    Taro.setClipboardData({
      data: CSV_COLUMNS.map((c) => c.header).join(','),
      success: () => Taro.showToast({ title: 'CSV 表头已复制', icon: 'none' }),
    })

  const largeFile = !!fileName && content.length > INLINE_EDIT_LIMIT
  return (
    <>
      <View className='section'>
        <View className='section__title'>1. 选择格式</View>
        <View className='chips'>
          {(['csv', 'json'] as const).map((f) => (
            <View key={f} className={cx('chip', format === f && 'chip--active')} onClick={() => setFormat(f)}>
              {format === f ? '● ' : '○ '}
              {f.toUpperCase()}
            </View>
          ))}
        </View>
        {format === 'csv' ? (
          <View className='muted'>
            每行一个事项，首行为中文表头；多项内容在单元格内换行，各部分用“|”分隔。
            <Text className='link import__header-link' onClick={copyHeader}>复制表头</Text>
          </View>
        ) : (
          <View className='muted'>事项数组，或包含 matters 数组的对象；字段与办事指南要素一致。</View>
        )}
      </View>

      <View className='section'>
        <View className='section__title'>
          2. 提供内容
          <Text className='section__more link' onClick={choose}>选择文件</Text>
        </View>
        {largeFile ? (
          <View className='import__file'>
            <Text className='import__file-name'>{fileName}</Text>
            <Text className='muted'>{content.length.toLocaleString()} 个字符</Text>
            <Text className='link import__file-clear' onClick={() => changeContent('')}>清除</Text>
          </View>
        ) : (
          <Textarea
            className='field__textarea'
            value={content}
            maxlength={-1}
            placeholder={format === 'csv' ? '粘贴 CSV 内容（含表头）' : '粘贴 JSON 内容'}
            onInput={(e) => changeContent(e.detail.value, fileName)}
          />
        )}
        <View className='muted'>已输入 {content.length.toLocaleString()} 个字符（{kb(bytes)}）{fileName ? ` · 来自 ${fileName}` : ''}</View>
        {viaStorage && !tooLarge && (
          <View className='muted import__via-storage'>
            文件超过 {kb(MAX_INLINE_IMPORT_BYTES)}（微信云函数单次调用数据上限约 100 KB），将先上传到云存储，再由云函数读取导入。
          </View>
        )}
        {tooLarge && (
          <View className='error-text import__too-large'>文件超过 {MAX_UPLOAD_IMPORT_BYTES / 1024 / 1024} MB，请拆分后分批导入。</View>
        )}
      </View>

      <View className='import__actions'>
        <View className={cx('btn', (!content.trim() || busy || tooLarge) && 'btn--disabled')} onClick={() => run(true)}>
          {busy === 'check' ? '预检中…' : busy === 'upload' ? '上传中…' : '预检'}
        </View>
        <View className={cx('btn btn--primary', (!content.trim() || busy || tooLarge) && 'btn--disabled')} onClick={() => run(false)}>
          {busy === 'import' ? '导入中…' : '导入'}
        </View>
      </View>

      {failure && (
        <View className='section import__failure'>
          <Text className='error-text'>操作失败：{failure.message}</Text>
        </View>
      )}
      {report && <ImportReportView report={report} />}
    </>
  )
}

export default function ImportPage() {
  return (
    <PageShell className='import'>
      <RoleGate min='staff'>{(me) => <ImportForm openid={me.openid} />}</RoleGate>
    </PageShell>
  )
}
