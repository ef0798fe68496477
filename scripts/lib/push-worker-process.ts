/** The separate dispatcher process of the crash runs (test and bench): scripts/bench/push-worker.ts. */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** node itself, not the tsx CLI: the CLI runs the script in a child that SIGKILL would not reach. */
export function spawnPushWorker(env: Record<string, string>, stdio: StdioOptions = ['ignore', 'pipe', 'pipe']): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/bench/push-worker.ts')], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio,
  });
}

export const exited = (p: ChildProcess): Promise<void> =>
  new Promise((r) => (p.exitCode !== null || p.signalCode ? r() : p.on('exit', () => r())));
