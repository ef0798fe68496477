/**
 * The fake WeChat server in a process of its own, for the bench: WeChat's servers do not share
 * the dispatcher's CPU, so on a 2-core machine the fake must not either. The child reports its
 * base URL, and on request its recorded messages, over the IPC channel.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { FakeMessage, FakeWechatOptions } from './fake-wechat';

type Serializable = Pick<FakeWechatOptions, 'latencyMs' | 'ratePerSec' | 'tokenTtlSec' | 'followers' | 'followerCount'>;

export interface FakeWechatProcess {
  base: string;
  messages(): Promise<FakeMessage[]>;
  close(): Promise<void>;
}

type Reply = { base: string } | { messages: FakeMessage[] };

export async function spawnFakeWechat(opts: Serializable): Promise<FakeWechatProcess> {
  const child: ChildProcess = fork(path.join(__dirname, 'fake-wechat-main.ts'), [JSON.stringify(opts)], {
    execArgv: ['-r', 'tsx/cjs'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () => new Promise<Reply>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Reply));
    child.once('exit', (code) => reject(new Error(`假微信服务器进程退出（${code}）`)));
  });
  const started = (await next()) as { base: string };
  return {
    base: started.base,
    async messages() {
      const reply = next();
      child.send('messages');
      return ((await reply) as { messages: FakeMessage[] }).messages;
    },
    close: () => new Promise<void>((r) => {
      if (child.exitCode !== null) return r();
      child.once('exit', () => r());
      child.kill('SIGTERM');
    }),
  };
}
