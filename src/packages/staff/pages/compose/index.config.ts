export default definePageConfig({
  navigationBarTitleText: '撰写推送',
})
