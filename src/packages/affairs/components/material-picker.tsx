import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { MaterialRef, MyMaterial } from '@core/api'
import { uploadToCloud, userUploadPath } from '@/services/cloud-storage'
import { callCloud } from '@/services/cloud-client'
import { pickProblem, sniff, SNIFF_BYTES } from '@core/affairs/file-type'
import { pickDocuments, readFileHead } from './pick-document'

export interface AttachedFile extends MaterialRef {
  /** Local preview (temp path) or a server URL. */
  preview?: string
  pdf?: boolean
}

/** Attach files to one material: camera/album, a chat file (weapp), or 我的材料. */
export function MaterialPicker({ materialId, name, necessity, files, openid, onChange }: {
  materialId: string
  name: string
  necessity: string
  files: AttachedFile[]
  openid: string
  onChange: (files: AttachedFile[]) => void
}) {
  const [busy, setBusy] = useState(false)
  const [mine, setMine] = useState<MyMaterial[]>()
  const [problem, setProblem] = useState('')

  /** Type by content and size, read locally the moment a file is picked: a bad file is never uploaded. */
  const checkPicked = async (it: { path: string; name: string }): Promise<{ problem: string | null; pdf: boolean }> => {
    try {
      const { size, head } = await readFileHead(it.path, SNIFF_BYTES)
      return { problem: pickProblem(it.name, size, head), pdf: sniff(head) === 'application/pdf' }
    } catch {
      return { problem: `“${it.name}”无法读取，请重新选择`, pdf: false }
    }
  }

  const addPaths = async (items: { path: string; name: string }[]) => {
    setBusy(true)
    setProblem('')
    try {
      const checks = await Promise.all(items.map(checkPicked))
      const problems = checks.map((c) => c.problem).filter((p): p is string => !!p)
      if (problems.length) {
        setProblem(problems.join('；'))
        return
      }
      const added: AttachedFile[] = []
      for (const [i, it] of items.entries()) {
        const up = await uploadToCloud(it.path, userUploadPath(openid, it.name))
        if (!up.ok) throw new Error(up.message)
        // The thumbnail follows the content too: a PDF named .png shows as PDF, not a broken image.
        added.push({ materialId, fileID: up.fileID, preview: it.path, pdf: checks[i].pdf })
      }
      onChange([...files, ...added])
    } catch (e) {
      Taro.showToast({ title: (e as Error).message || '上传失败，请重试', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const chooseImage = async () => {
    try {
      const res = await Taro.chooseImage({ count: 3, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      const tf = (res.tempFiles ?? []) as { path: string; originalFileObj?: { name?: string } }[]
      await addPaths(res.tempFilePaths.map((p, i) => ({ path: p, name: tf[i]?.originalFileObj?.name ?? `scan-${i}.jpg` })))
    } catch { /* cancelled */ }
  }

  const chooseFile = async () => {
    const picked = await pickDocuments(3)
    if (picked.length) await addPaths(picked)
  }

  const openMine = async () => {
    const res = await callCloud('affairs', 'myMaterials', {})
    if (res.ok) setMine(res.data)
    else Taro.showToast({ title: res.message, icon: 'none' })
  }

  return (
    <View className='affairs-material' data-material={materialId}>
      <View className='affairs-material__head'>
        <Text className='affairs-material__name'>{name}</Text>
        <Text className={necessity === '必要' ? 'badge badge--accent' : 'badge'}>{necessity === '必要' ? '必交' : necessity === '容缺' ? '容缺可后补' : '选交'}</Text>
      </View>
      <View className='affairs-thumbs'>
        {files.map((f, i) => (
          <View key={f.fileID} className='affairs-thumb'>
            {f.pdf ? <View className='affairs-thumb__pdf'>PDF</View> : <Image className='affairs-thumb__img' src={f.preview ?? ''} mode='aspectFill' />}
            <View className='affairs-thumb__remove' onClick={() => onChange(files.filter((_, j) => j !== i))}>删除</View>
          </View>
        ))}
      </View>
      {problem && <View className='error-text affairs-material__problem'>{problem}</View>}
      <View className='affairs-material__actions'>
        <View className='btn affairs-upload' onClick={busy ? undefined : chooseImage}>{busy ? '上传中…' : '拍照/相册'}</View>
        <View className='btn affairs-upload-file' onClick={busy ? undefined : chooseFile}>{process.env.TARO_ENV === 'weapp' ? '聊天文件' : '选择文件'}</View>
        <View className='btn' onClick={openMine}>我的材料</View>
      </View>
      {mine && (
        <View className='affairs-mine'>
          {mine.length === 0 && <Text className='muted'>暂无以往用过的材料</Text>}
          {mine.map((m) => (
            <View key={m.fileID} className='row' onClick={() => { onChange([...files, { materialId, fileID: m.fileID, preview: m.url, pdf: m.mime === 'application/pdf' }]); setMine(undefined) }}>
              <View className='row__main'><Text className='row__title'>{m.name}</Text><View className='row__desc'>{m.mime === 'application/pdf' ? 'PDF' : '图片'} · {Math.ceil(m.size / 1024)}KB</View></View>
              <Text className='row__chevron'>选用</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
