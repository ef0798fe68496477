/**
 * Check-in codes: 8 digits, the last a Luhn check digit, so a mistyped digit is caught at the
 * counter before any lookup. The QR code carries a short payload with the same digits.
 */

/** Luhn check digit for a digit string. */
export function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** 7 digits from a seed (hex or digits) plus the check digit; never starts with 0 (easier to read aloud). */
export function codeFromSeed(seedHex: string): string {
  const n = Number.parseInt(seedHex.replace(/[^0-9a-f]/gi, '').slice(0, 12) || '0', 16);
  const body = String(1_000_000 + (n % 9_000_000));
  return body + luhnDigit(body);
}

export function isValidCode(code: string): boolean {
  return /^\d{8}$/.test(code) && luhnDigit(code.slice(0, 7)) === code[7];
}

export const QR_PREFIX = 'SLZW-BOOKING:';

export function qrPayload(code: string): string {
  return `${QR_PREFIX}${code}`;
}

/** Accepts typed digits (spaces allowed) or a scanned QR payload; null when it is neither. */
export function codeFromInput(raw: string): string | null {
  const s = raw.trim();
  const body = s.startsWith(QR_PREFIX) ? s.slice(QR_PREFIX.length) : s;
  const digits = body.replace(/\s+/g, '');
  return /^\d{8}$/.test(digits) ? digits : null;
}
