// The native <contact-phone> only exists on weapp; h5 uses a React twin (components/contact-phone).
const nativeComponents =
  process.env.TARO_ENV === 'weapp'
    ? { usingComponents: { 'contact-phone': '../../../../components/native/contact-phone/index' } }
    : {}

export default definePageConfig({
  navigationBarTitleText: '办事指南',
  enableShareAppMessage: true,
  ...nativeComponents,
})
