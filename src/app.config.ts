export default defineAppConfig({
  // Main package: only the two tab pages, so first launch downloads as little as possible.
  pages: ['pages/index/index', 'pages/mine/index'],
  subPackages: [
    {
      root: 'packages/matters',
      pages: ['pages/search/index', 'pages/list/index', 'pages/guide/index'],
    },
    {
      root: 'packages/booking',
      pages: ['pages/book/index', 'pages/detail/index', 'pages/mine/index'],
    },
    {
      // 在线申办与办件: the form, my applications, one application.
      root: 'packages/affairs',
      pages: ['pages/apply/index', 'pages/mine/index', 'pages/detail/index', 'pages/bundle/index'],
    },
    {
      // 订阅消息推送 (citizen side): 微信消息 (preview), 消息订阅 settings, 通知公告 detail.
      root: 'packages/push',
      pages: ['pages/inbox/index', 'pages/settings/index', 'pages/notice/index'],
    },
    {
      // 好差评 (citizen side): 待评价 and my ratings, the rating page (also 追评), the public 评价公示.
      root: 'packages/evaluation',
      pages: ['pages/pending/index', 'pages/rate/index', 'pages/publicity/index'],
    },
    {
      // 缴费: one bill, the payment sheet, the receipt.
      root: 'packages/pay',
      pages: ['pages/bill/index'],
    },
    {
      // 智能咨询: the citizen chat.
      root: 'packages/consult',
      pages: ['pages/chat/index'],
    },
    {
      // Only staff ever open these; citizens never download them (the 效能看板 chart library, F2, lives only here).
      root: 'packages/staff',
      pages: ['pages/import/index', 'pages/staff/index', 'pages/invite/index', 'pages/join/index', 'pages/queue/index', 'pages/case/index', 'pages/compose/index', 'pages/campaigns/index', 'pages/campaign/index', 'pages/notice-publish/index', 'pages/consult-inbox/index', 'pages/consult-record/index', 'pages/knowledge/index', 'pages/consult-stats/index', 'pages/hall-day/index', 'pages/hall-setup/index', 'pages/eval-tickets/index', 'pages/eval-ticket/index', 'pages/pay-reports/index', 'pages/dashboard/index', 'pages/indicator/index'],
    },
  ],
  preloadRule: {
    // Most home-page taps lead into the matters package; fetch it while the user reads.
    'pages/index/index': { network: 'all', packages: ['packages/matters'] },
  },
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#F4F6FA',
    navigationBarBackgroundColor: '#0B57D0',
    navigationBarTitleText: '示例市智慧政务',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#4E5969',
    selectedColor: '#0B57D0',
    backgroundColor: '#FFFFFF',
    borderStyle: 'black',
    list: [
      // Icons are tiny local PNGs (generated, < 1 KB each): no network, and h5 shows no broken images.
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab-bar/home.png', selectedIconPath: 'assets/tab-bar/home-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab-bar/mine.png', selectedIconPath: 'assets/tab-bar/mine-active.png' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
})
