/** Module shape, getWXContext, invocations and callFunction. */
import realShape = require('wx-server-sdk');
import * as star from 'wx-server-sdk';
import { getWXContextOutside } from './fixtures/outside';
import {
  invokeFunction, listFunctions, registerFunction, resetLocalCloud, runInvocation, sdk, type FunctionContext,
} from '../../local-cloud';
import { cloud, rejection, useMemoryCloud } from './helpers';

useMemoryCloud({ appid: 'wxtestappid000000001', envId: 'test-env' });

describe('module shape', () => {
  test('require, import = require, import * and the index export are the same sdk object', () => {
    expect(realShape).toBe(cloud);
    expect(sdk).toBe(cloud);
    expect(star.database).toBe(cloud.database);
    expect((star as unknown as { default: unknown }).default).toBe(cloud);
  });
  test('the surface our functions use exists', () => {
    for (const k of ['init', 'getWXContext', 'callFunction', 'database', 'uploadFile', 'getTempFileURL', 'downloadFile', 'deleteFile', 'logger']) {
      expect(typeof (cloud as unknown as Record<string, unknown>)[k]).toBe('function');
    }
    expect(typeof cloud.DYNAMIC_CURRENT_ENV).toBe('symbol');
    expect(typeof cloud.openapi.subscribeMessage.send).toBe('function');
    expect(() => cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })).not.toThrow();
  });
});

describe('getWXContext', () => {
  test('inside runInvocation returns the invocation identity', async () => {
    const ctx = await runInvocation({ OPENID: 'o-1', UNIONID: 'u-1' }, async () => cloud.getWXContext());
    expect(ctx).toEqual({ OPENID: 'o-1', APPID: 'wxtestappid000000001', UNIONID: 'u-1', ENV: 'test-env', SOURCE: 'wx_client' });
  });
  test('outside any invocation there is no OPENID', () => {
    expect(getWXContextOutside()).toEqual({ APPID: 'wxtestappid000000001', ENV: 'test-env' });
  });
  test('concurrent invocations each see their own caller across awaits', async () => {
    const seen = await Promise.all(
      ['a', 'b', 'c'].map((o) =>
        runInvocation({ OPENID: o }, async () => {
          await cloud.database().collection('x').count();
          await new Promise((r) => setTimeout(r, 5));
          return cloud.getWXContext().OPENID;
        }),
      ),
    );
    expect(seen).toEqual(['a', 'b', 'c']);
  });
  test('a timer-style invocation carries its SOURCE and no OPENID', async () => {
    expect(await runInvocation({ SOURCE: 'wx_trigger' }, async () => cloud.getWXContext())).toEqual({ APPID: 'wxtestappid000000001', ENV: 'test-env', SOURCE: 'wx_trigger' });
  });
});

describe('invokeFunction / callFunction', () => {
  beforeEach(() => {
    registerFunction('whoami', async (event: Record<string, unknown>, context: FunctionContext) => ({
      ctx: cloud.getWXContext(), event, fn: context.function_name, at: new Date(0),
    }));
    registerFunction('outer', async (event: { inner: string }) => {
      const r = await cloud.callFunction({ name: event.inner, data: { hop: 1 } });
      return { outerOpenid: cloud.getWXContext().OPENID, inner: r };
    });
    registerFunction('fails', async () => {
      throw new Error('boom');
    });
  });

  test('invokeFunction runs main inside the identity and injects userInfo like WeChat', async () => {
    const r = (await invokeFunction('whoami', { a: 1, userInfo: { openId: 'spoofed' } }, { OPENID: 'o-9' })) as Record<string, unknown>;
    expect(r.ctx).toMatchObject({ OPENID: 'o-9', SOURCE: 'wx_client' });
    expect(r.event).toEqual({ a: 1, userInfo: { appId: 'wxtestappid000000001', openId: 'o-9' } });
    expect(r.fn).toBe('whoami');
    expect(r.at).toBeInstanceOf(Date); // invokeFunction returns main's value untouched
  });

  test('callFunction: the callee sees the caller OPENID and SOURCE + ",scf"; result travels as JSON', async () => {
    const r = (await invokeFunction('outer', { inner: 'whoami' }, { OPENID: 'o-7' })) as {
      outerOpenid: string;
      inner: { result: { ctx: Record<string, string>; event: unknown; at: unknown }; errMsg: string; requestId: string };
    };
    expect(r.outerOpenid).toBe('o-7');
    expect(r.inner.errMsg).toBe('cloud.callFunction:ok');
    expect(typeof r.inner.requestId).toBe('string');
    expect(r.inner.result.ctx).toMatchObject({ OPENID: 'o-7', SOURCE: 'wx_client,scf' });
    expect(r.inner.result.event).toEqual({ hop: 1, userInfo: { appId: 'wxtestappid000000001', openId: 'o-7' } });
    expect(r.inner.result.at).toBe('1970-01-01T00:00:00.000Z');
  });

  test('callFunction to an unknown or failing function rejects', async () => {
    const missing = await rejection(cloud.callFunction({ name: 'nope', data: {} }));
    expect(missing.errCode).toBe(-504002);
    expect(missing.errMsg).toMatch(/^cloud\.callFunction:fail -504002 functions execute fail\. .*could not be found/);
    const failed = await rejection(cloud.callFunction({ name: 'fails' }));
    expect(failed.errCode).toBe(-504002);
    expect(failed.errMsg).toContain('Error: boom');
  });

  test('invokeFunction of an unregistered function throws; resetLocalCloud clears the registry', async () => {
    await expect(invokeFunction('nope', {})).rejects.toThrow('not registered');
    expect(listFunctions()).toEqual(['fails', 'outer', 'whoami']);
    resetLocalCloud();
    expect(listFunctions()).toEqual([]);
  });
});
