export default definePageConfig({
  navigationBarTitleText: '指标说明与明细',
})
