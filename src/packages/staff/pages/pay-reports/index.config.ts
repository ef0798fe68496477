export default definePageConfig({
  navigationBarTitleText: '缴费对账',
})
