export default definePageConfig({
  navigationBarTitleText: '通知公告',
  // Forwarding shares a link with a tracking token (useShareAppMessage in the engagement bar).
  enableShareAppMessage: true,
})
