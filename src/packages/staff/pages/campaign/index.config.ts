export default definePageConfig({
  navigationBarTitleText: '推送详情',
})
