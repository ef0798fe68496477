/**
 * The one way a date or time is shown: Beijing wall clock (Asia/Shanghai, UTC+8, no daylight
 * saving), whatever zone the phone, the browser or the cloud function runs in. Slicing an ISO
 * string or reading `getHours()` shows UTC or the device zone instead, 8 hours off for staff.
 * Pure: a fixed offset, no Intl zone data needed (some WeChat clients ship none).
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

function shanghaiIso(iso: string): string | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t + SHANGHAI_OFFSET_MS).toISOString();
}

/** `2025-03-05` for `2025-03-04T17:30:00Z`; an unparsable value comes back as given. */
export function shanghaiDate(iso: string): string {
  return shanghaiIso(iso)?.slice(0, 10) ?? iso;
}

/** `2025-03-05 01:30` for `2025-03-04T17:30:00Z`; an unparsable value comes back as given. */
export function shanghaiDateTime(iso: string): string {
  const s = shanghaiIso(iso);
  return s ? `${s.slice(0, 10)} ${s.slice(11, 16)}` : iso;
}
