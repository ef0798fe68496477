/**
 * A separate process for the pay kill -9 test: the `pay` function's notify entry on a file-backed
 * local cloud behind a plain HTTP server (the HTTP access service), printing a line per applied
 * notification, until it is killed.
 * Usage: tsx pay-notify-server.ts <dataDir>   (WECHATPAY_* come from the environment)
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { invokeFunction } from '../../local-cloud';
import { bootLocalCloud } from '../../scripts/lib/boot-local-cloud';

async function main() {
  await bootLocalCloud(process.argv[2]);
  let applied = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const event = { path: '/http/pay/notify', httpMethod: 'POST', headers, queryStringParameters: {}, body: Buffer.concat(chunks).toString('utf8'), isBase64Encoded: false };
      invokeFunction('pay', event, { SOURCE: 'wx_http' }).then((r) => {
        const reply = r as { statusCode: number };
        process.stdout.write(`applied ${++applied} ${reply.statusCode}\n`);
        res.writeHead(reply.statusCode);
        res.end();
      }, (e: unknown) => {
        process.stderr.write(String(e));
        res.writeHead(500);
        res.end();
      });
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`));
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
