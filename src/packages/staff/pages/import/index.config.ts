export default definePageConfig({
  navigationBarTitleText: '事项导入',
})
