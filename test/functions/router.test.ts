import { z } from '../../core/zod-zh';
import { DomainError } from '../../core/envelope';
import { action, buildRouter as createRouter } from '../../cloudfunctions/shared/router';
import { configureLocalCloud, invokeFunction, registerFunction, resetLocalCloud } from '../../local-cloud';

let timerRuns = 0;
const main = createRouter(
  {
    echo: action({ permission: 'public', params: z.object({ text: z.string().max(5) }).strict(), handler: async (p) => p.text }),
    boom: action({ permission: 'public', params: z.object({}).strict(), handler: async () => { throw new Error('db down: secret detail'); } }),
    gone: action({ permission: 'public', params: z.object({}).strict(), handler: async () => { throw new DomainError('NOT_FOUND', '没有了'); } }),
  },
  { timers: { nightly: async () => { timerRuns += 1; return 'ran'; } } },
);

beforeEach(() => {
  resetLocalCloud();
  configureLocalCloud({ dataDir: ':memory:' });
  registerFunction('demo', main);
  timerRuns = 0;
});

describe('router', () => {
  it('validates params with Chinese messages and field details', async () => {
    const res = await invokeFunction('demo', { action: 'echo', params: { text: 'too long text' } }, { OPENID: 'u' });
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: 'text：不能超过5个字符' });
  });

  it('turns unexpected errors into INTERNAL without leaking details, and domain errors into their code', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await invokeFunction('demo', { action: 'boom' }, { OPENID: 'u' });
    expect(res).toEqual({ ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后重试' });
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    expect(await invokeFunction('demo', { action: 'gone' })).toEqual({ ok: false, code: 'NOT_FOUND', message: '没有了' });
  });

  it('runs timers only for WeChat trigger invocations, never for a forged client event', async () => {
    const forged = await invokeFunction('demo', { Type: 'Timer', TriggerName: 'nightly', Time: '2026-11-28T00:00:00Z' }, { OPENID: 'attacker' });
    expect(forged).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const anonymousForged = await invokeFunction('demo', { Type: 'Timer', TriggerName: 'nightly' }, { SOURCE: 'wx_http' });
    expect(anonymousForged).toMatchObject({ ok: false });
    expect(timerRuns).toBe(0);
    const real = await invokeFunction('demo', { Type: 'Timer', TriggerName: 'nightly', Time: '2026-11-28T00:00:00Z' }, { SOURCE: 'wx_trigger' });
    expect(real).toEqual({ ok: true, data: 'ran' });
    expect(await invokeFunction('demo', { Type: 'Timer', TriggerName: 'other' }, { SOURCE: 'wx_trigger' })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    expect(timerRuns).toBe(1);
  });
});
