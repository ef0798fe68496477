/** cloud.openapi: sink mode (default) and HTTP mode (WX_OPENAPI_BASE). */
import { createServer, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';
import { clearOpenapiSink, getOpenapiSink, setSinkFaults } from '../../local-cloud';
import { cloud, rejection, useMemoryCloud } from './helpers';

useMemoryCloud();

const send = (data: Record<string, { value: unknown }>, extra: Record<string, unknown> = {}) =>
  cloud.openapi.subscribeMessage.send({ touser: 'o-user', templateId: 'tmpl-1', page: 'pages/index/index', data, ...extra });

describe('sink mode', () => {
  beforeEach(() => {
    delete process.env.WX_OPENAPI_BASE;
    // Validation only here; quota enforcement is pinned in openapi-quota.test.ts.
    setSinkFaults({ enforceQuota: false });
  });

  test('subscribeMessage.send is recorded per user and resolves ok', async () => {
    const r = await send({ thing1: { value: '营业执照办理' }, time2: { value: '2025年1月2日 09:30' } });
    expect(r).toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
    await cloud.openapi.subscribeMessage.send({ touser: 'someone-else', templateId: 't', data: { thing1: { value: 'x' } } });
    const mine = getOpenapiSink({ touser: 'o-user' });
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ api: 'subscribeMessage.send', touser: 'o-user', payload: { templateId: 'tmpl-1', data: { thing1: { value: '营业执照办理' } } } });
    expect(mine[0].at).toBeInstanceOf(Date);
    expect(getOpenapiSink()).toHaveLength(2);
    clearOpenapiSink();
    expect(getOpenapiSink()).toHaveLength(0);
  });

  test.each([
    ['thing1', '一二三四五六七八九十一二三四五六七八九十一'],
    ['phrase2', '六个字的短语'],
    ['phrase2', 'ok'],
    ['number3', '12a'],
    ['amount4', '100块'],
    ['time5', '明天下午'],
    ['date6', '下周'],
    ['character_string7', '含中文'],
    ['letter8', 'abc1'],
    ['phone_number9', '1380013800012345678'],
    ['car_number10', '浙A123456789'],
    ['name11', '一二三四五六七八九十一'],
    ['thing12', ''],
  ])('%s = %j is rejected with 47003 naming the field, and not recorded', async (key, value) => {
    const e = await rejection(send({ [key]: { value } }));
    expect(e.errCode).toBe(47003);
    expect(e.errMsg).toMatch(new RegExp(`^openapi\\.subscribeMessage\\.send:fail 47003 argument invalid! data\\.${key}\\.value`));
    expect(getOpenapiSink()).toHaveLength(0);
  });

  test('values at the limits are accepted', async () => {
    await send({
      thing1: { value: '一二三四五六七八九十一二三四五六七八九十' },
      phrase2: { value: '已受理' },
      number3: { value: '12.5' },
      amount4: { value: '¥1234.50' },
      time5: { value: '09:00~17:30' },
      date6: { value: '2025-01-02 15:01' },
      character_string7: { value: 'SQ-2025-000123' },
      name11: { value: '张三' },
      phone_number9: { value: '0571-88888888' },
    });
    expect(getOpenapiSink()).toHaveLength(1);
  });

  test('missing touser / templateId are rejected like WeChat', async () => {
    await expect(send({ thing1: { value: 'x' } }, { touser: '' })).rejects.toMatchObject({ errCode: 40003 });
    await expect(send({ thing1: { value: 'x' } }, { templateId: undefined })).rejects.toMatchObject({ errCode: 40037 });
  });

  test('customerServiceMessage.send is recorded; bad msgtype rejected', async () => {
    const r = await cloud.openapi.customerServiceMessage.send({ touser: 'o-user', msgtype: 'text', text: { content: '您好' } });
    expect(r).toEqual({ errCode: 0, errMsg: 'openapi.customerServiceMessage.send:ok' });
    expect(getOpenapiSink({ touser: 'o-user', api: 'customerServiceMessage.send' })).toHaveLength(1);
    await expect(cloud.openapi.customerServiceMessage.send({ touser: 'o-user', msgtype: 'video' })).rejects.toMatchObject({ errCode: 40008 });
    // A mini-program card without its cover media is refused, as WeChat does (thumb_media_id 必填).
    const card = { title: '办事指南', pagepath: 'packages/matters/pages/guide/index?id=1' };
    await expect(cloud.openapi.customerServiceMessage.send({ touser: 'o-user', msgtype: 'miniprogrampage', miniprogrampage: { ...card, thumb_media_id: '' } })).rejects.toMatchObject({ errCode: 40007 });
    await expect(cloud.openapi.customerServiceMessage.send({ touser: 'o-user', msgtype: 'miniprogrampage', miniprogrampage: { ...card, thumb_media_id: 'media-1' } })).resolves.toMatchObject({ errCode: 0 });
  });

  test('msgSecCheck v2: pass normally, risky for a built-in test word', async () => {
    const ok = await cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o-user', scene: 2, content: '办理流程很清楚' });
    expect(ok).toMatchObject({ errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', result: { suggest: 'pass', label: 100 } });
    expect(typeof ok.traceId).toBe('string');
    const bad = await cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o-user', scene: 2, content: '这里有测试违规词' });
    expect(bad.result).toEqual({ suggest: 'risky', label: 20001 });
    expect(bad.detail).toEqual([expect.objectContaining({ keyword: '测试违规词', suggest: 'risky' })]);
  });

  test('msgSecCheck v2: review for the built-in review word (a person must look), risky wins over review', async () => {
    const review = await cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o-user', scene: 2, content: '这里有测试待审词' });
    expect(review).toMatchObject({ errCode: 0, result: { suggest: 'review', label: 21000 } });
    const both = await cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o-user', scene: 2, content: '测试待审词和测试违规词' });
    expect(both).toMatchObject({ result: { suggest: 'risky', label: 20001 } });
  });

  test('msgSecCheck v1 rejects risky content with 87014; v2 validates scene', async () => {
    await expect(cloud.openapi.security.msgSecCheck({ content: '测试违规词' })).rejects.toMatchObject({ errCode: 87014 });
    await expect(cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o', scene: 9, content: 'x' })).rejects.toMatchObject({ errCode: 40097 });
  });

  test('an openapi that is not emulated rejects clearly', async () => {
    const e = await rejection((cloud.openapi as unknown as Record<string, Record<string, () => Promise<unknown>>>).wxacode.getUnlimited());
    expect(e.errMsg).toBe('openapi.wxacode.getUnlimited:fail this openapi is not emulated by the local cloud');
  });
});

describe('HTTP mode', () => {
  let server: Server;
  const requests: { url: string; body: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      requests.push({ url: req.url ?? '', body: JSON.parse(raw) });
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/cgi-bin/message/subscribe/send')) {
        res.end(JSON.stringify({ errcode: 43101, errmsg: 'user refuse to accept the msg rid: 6789' }));
      } else if (req.url?.startsWith('/wxa/msg_sec_check')) {
        res.end(JSON.stringify({ errcode: 0, errmsg: 'ok', result: { suggest: 'review', label: 20002 }, detail: [{ strategy: 'content_model', errcode: 0, suggest: 'review', label: 20002, prob: 60 }], trace_id: 'trace-1' }));
      } else if (req.url?.startsWith('/cgi-bin/message/custom/send')) {
        res.end('<html>gateway error</html>');
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    delete process.env.WX_OPENAPI_BASE;
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    requests.length = 0;
    process.env.WX_OPENAPI_BASE = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  test('subscribeMessage.send posts snake_case and rejects with the WeChat errcode', async () => {
    const e = await rejection(send({ thing1: { value: '办理完成' } }, { miniprogramState: 'trial', lang: 'zh_CN' }));
    expect(e).toBeInstanceOf(Error);
    expect(e.errCode).toBe(43101);
    expect(e.errMsg).toBe('openapi.subscribeMessage.send:fail 43101 user refuse to accept the msg rid: 6789');
    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe('/cgi-bin/message/subscribe/send');
    expect(requests[0].body).toEqual({
      touser: 'o-user', template_id: 'tmpl-1', page: 'pages/index/index',
      data: { thing1: { value: '办理完成' } }, miniprogram_state: 'trial', lang: 'zh_CN',
    });
    expect(getOpenapiSink()).toHaveLength(0); // HTTP mode never records
  });

  test('msgSecCheck reply is camelCased like the real SDK', async () => {
    const r = await cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o-user', scene: 3, content: 'hello' });
    expect(requests[0]).toEqual({ url: '/wxa/msg_sec_check', body: { version: 2, openid: 'o-user', scene: 3, content: 'hello' } });
    expect(r).toEqual({
      errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', traceId: 'trace-1',
      result: { suggest: 'review', label: 20002 },
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'review', label: 20002, prob: 60 }],
    });
  });

  test('a non-JSON reply rejects with errCode -1', async () => {
    const e = await rejection(cloud.openapi.customerServiceMessage.send({ touser: 'o', msgtype: 'text', text: { content: 'hi' } }));
    expect(e.errCode).toBe(-1);
    expect(e.errMsg).toMatch(/^openapi\.customerServiceMessage\.send:fail wechat server internal error/);
    expect(requests[0].body).toEqual({ touser: 'o', msgtype: 'text', text: { content: 'hi' } });
  });
});
