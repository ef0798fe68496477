export default definePageConfig({
  navigationBarTitleText: '效能看板',
})
