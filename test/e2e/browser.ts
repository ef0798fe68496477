/**
 * Shared set-up for browser journeys: the local cloud gateway serving the H5 build with the seed
 * catalogue in a fresh temp DATA_DIR, and Debian's Chromium driven by playwright-core. Missing
 * prerequisites fail loudly — a journey is never skipped.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startGateway, type Gateway } from '../../local-cloud/gateway';
import { invokeFunction } from '../../local-cloud';
import { seed } from '../../scripts/seed';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '../..');
export const H5_DIR = path.join(ROOT, 'dist-h5');

export interface Preview {
  gateway: Gateway;
  browser: Browser;
  dataDir: string;
  close(): Promise<void>;
}

export async function startPreview(): Promise<Preview> {
  if (!fs.existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error('dist-h5/index.html 不存在：请先运行 npx taro build --type h5（npm test 会自动构建）');
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`找不到 Chromium（${CHROMIUM}）：请 apt-get install -y chromium fonts-noto-cjk`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-data-'));
  const gateway = await startGateway({
    port: 0, dataDir, staticDir: H5_DIR, adminOpenids: ['local-admin'], localMode: true, log: () => undefined,
  });
  let browser: Browser;
  try {
    await seed((name, data, openid) => invokeFunction(name, data, openid ? { OPENID: openid } : {}), 'local-admin', () => undefined);
    // playwright gives every launch a fresh temporary profile, so no --user-data-dir here.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic',
      ],
    });
  } catch (e) {
    await gateway.close();
    throw e;
  }
  return {
    gateway, browser, dataDir,
    async close() {
      await browser.close();
      await gateway.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A phone-sized page that records page errors and failed requests for assertions. `idle()`
 * resolves once no request is in flight (polled), so a journey can reload without aborting one.
 */
export async function openPhonePage(preview: Preview): Promise<{ page: Page; problems: string[]; idle: () => Promise<void> }> {
  const context = await preview.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // A request the journey's own navigation cut short (reload, goto, identity switch) fails with
  // net::ERR_ABORTED: that is the test moving on, not the app failing. Anything else is a problem.
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    if (!/ERR_ABORTED/.test(why)) problems.push(`requestfailed: ${r.url()} ${why}`);
  });
  const inFlight = new Set<unknown>();
  page.on('request', (r) => inFlight.add(r));
  page.on('requestfinished', (r) => inFlight.delete(r));
  page.on('requestfailed', (r) => inFlight.delete(r));
  const idle = async () => {
    while (inFlight.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  return { page, problems, idle };
}
