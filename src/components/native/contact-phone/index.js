/**
 * Native WeChat component: a phone number that dials on tap. Written in the native format so
 * the weapp build can be exercised by miniprogram-simulate and reused by non-Taro pages.
 */
Component({
  properties: {
    phone: { type: String, value: '' },
    label: { type: String, value: '' },
    /** 长辈版: custom components do not see page classes, so the mode is passed in. */
    elder: { type: Boolean, value: false },
  },
  methods: {
    onTap() {
      const phone = this.data.phone
      if (!phone) return
      wx.makePhoneCall({
        phoneNumber: phone,
        // Cancelling the system dialog lands in fail; nothing to report to the user.
        fail() {},
      })
      this.triggerEvent('call', { phone })
    },
  },
})
