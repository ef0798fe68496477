/**
 * The booking function's clock. `BOOKING_FAKE_NOW` (an ISO instant) pins "now" for local tests and
 * browser journeys only (a check-in must happen on the booking's day); never set it on WeChat.
 * Timers use the trigger's own `Time` instead.
 */
export function now(): Date {
  const fake = process.env.BOOKING_FAKE_NOW;
  if (fake) {
    const t = Date.parse(fake);
    if (!Number.isNaN(t)) return new Date(t);
  }
  return new Date();
}
