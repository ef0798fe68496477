export default definePageConfig({
  navigationBarTitleText: '示例市智慧政务',
  enableShareAppMessage: true,
})
