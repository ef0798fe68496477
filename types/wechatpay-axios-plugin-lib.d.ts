/**
 * Typings for the three wechatpay-axios-plugin modules the pay function imports one by one
 * (cloudfunctions/pay/wechatpay.ts says why: the package root also loads its axios client, the XML
 * transformer and multipart). The shapes are the package's own, from its index.d.ts (the namespace, whose Aes also carries AesGcm).
 */
declare module 'wechatpay-axios-plugin/lib/rsa' {
  import { WechatpayAxiosPlugin } from 'wechatpay-axios-plugin';
  export = WechatpayAxiosPlugin.Rsa;
}

declare module 'wechatpay-axios-plugin/lib/aes' {
  import { WechatpayAxiosPlugin } from 'wechatpay-axios-plugin';
  export = WechatpayAxiosPlugin.Aes;
}

declare module 'wechatpay-axios-plugin/lib/formatter' {
  import { WechatpayAxiosPlugin } from 'wechatpay-axios-plugin';
  export = WechatpayAxiosPlugin.Formatter;
}
