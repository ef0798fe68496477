export default definePageConfig({
  navigationBarTitleText: '群众办件与预约',
})
