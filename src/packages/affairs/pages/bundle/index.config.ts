export default definePageConfig({
  navigationBarTitleText: '一件事一次办',
})
