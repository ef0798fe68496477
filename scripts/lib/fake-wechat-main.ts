/** Child process entry of fake-wechat-process.ts: `fork(this, [JSON options])`. */
import { startFakeWechat } from './fake-wechat';

async function main(): Promise<void> {
  const fake = await startFakeWechat(JSON.parse(process.argv[2] ?? '{}'));
  process.on('message', (m) => {
    if (m === 'messages') process.send?.({ messages: fake.messages });
  });
  process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
  process.on('disconnect', () => process.exit(0));
  process.send?.({ base: fake.base });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
