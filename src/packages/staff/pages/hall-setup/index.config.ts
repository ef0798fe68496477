export default definePageConfig({
  navigationBarTitleText: '大厅与时段模板',
})
