/**
 * The preview trusts `x-local-openid`, so it must only ever be reached as itself:
 *  - it listens on loopback only (a LAN address would let any colleague act as 管理员);
 *  - it answers only requests whose `Host` names the loopback interface. A DNS-rebinding page
 *    (evil.example resolving to 127.0.0.1) reaches the port, but its requests say
 *    `Host: evil.example` and are refused.
 */

/** Interfaces the gateway may listen on while it trusts the identity header. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** `localhost`, `127.0.0.1` or `[::1]`, with any port; nothing else (no trailing dot, no other 127.x names). */
const ALLOWED_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i;

export function isAllowedHostHeader(value: string | string[] | undefined): boolean {
  return typeof value === 'string' && ALLOWED_HOST.test(value);
}
