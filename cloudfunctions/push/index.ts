/** 订阅消息推送. Routes only; handlers and the dispatcher live beside it. */
import { createRouter } from '../shared/router';
import { kick, open, setCategory, settings, subscribe, templates } from './handlers/citizen';
import { approveCampaign, campaign, campaignLog, campaigns, cancelCampaign, createCampaign, previewCampaign } from './handlers/campaigns';
import { notice, notices, publishNotice } from './handlers/notices';
import { syncFollowers } from './handlers/followers';
import { runDispatch } from './dispatch';

export const main = createRouter('push', {
  templates, subscribe, settings, setCategory, open, kick,
  createCampaign, previewCampaign, approveCampaign, cancelCampaign, campaign, campaigns, campaignLog,
  publishNotice, notices, notice, syncFollowers,
}, {
  timers: { dispatch: (_event, { remainingMs }) => runDispatch({ remainingMs, mode: 'all' }) },
});
