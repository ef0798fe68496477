/** 订阅消息推送. Routes only; handlers and the dispatcher live beside it. */
import { createRouter } from '../shared/router';
import { labelsFrom } from '../../core/zod-zh';
import { kick, open, setCategory, settings, subscribe, templates } from './handlers/citizen';
import { approveCampaign, campaign, campaignLog, campaigns, cancelCampaign, createCampaign, previewCampaign } from './handlers/campaigns';
import { notice, notices, publishNotice } from './handlers/notices';
import { noticeLike, noticeRead, noticeShare, noticeStats } from './handlers/engagement';
import { syncFollowers } from './handlers/followers';
import { runDispatch } from './dispatch';

/** Every action this function answers, each with its params schema and permission. */
export const actions = {
  templates, subscribe, settings, setCategory, open, kick,
  createCampaign, previewCampaign, approveCampaign, cancelCampaign, campaign, campaigns, campaignLog,
  publishNotice, notices, notice, noticeRead, noticeLike, noticeShare, noticeStats, syncFollowers,
};

const LABELS: Record<string, string> = {
  results: '订阅结果', category: '消息类别', on: '是否接收', pushId: '消息编号', templateId: '消息模板', data: '消息内容', page: '跳转页面',
  audience: '接收对象', type: '对象类型', matterId: '事项', hallId: '服务大厅', date: '日期', of: '组合对象', sendAt: '发送时间',
  priority: '优先级', noticeId: '通知公告', id: '编号', status: '状态', reason: '原因', title: '标题', body: '正文', images: '图片', limit: '条数',
  from: '分享来源或开始日期', to: '结束日期', like: '是否点赞',
};

export const main = createRouter('push', actions, {
  labels: labelsFrom(LABELS),
  timers: { dispatch: (_event, { remainingMs }) => runDispatch({ remainingMs, mode: 'all' }) },
});
