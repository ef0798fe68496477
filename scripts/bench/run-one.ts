/**
 * Runs one bench module in a process of its own: `tsx scripts/bench/run-one.ts push`.
 * Benches that configure the local cloud their own way (the push dispatcher against a fake WeChat
 * server, the pushdown comparison) must not inherit another bench's cloud, env or registered functions.
 */
const moduleName = process.argv[2] ?? '';
if (!/^[a-z-]+$/.test(moduleName)) {
  console.error(`未知的基准模块：${moduleName}`);
  process.exit(2);
}
(require(`./${moduleName}`) as { run: () => Promise<void> }).run()
  .then(() => process.exit(0))
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
export {};
