/** Display masking for personal data (PIPL minimum exposure): phone, ID number, name, openid. */

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  return /^1\d{10}$/.test(digits) ? `${digits.slice(0, 3)}****${digits.slice(7)}` : digits.replace(/\d(?=\d{4})/g, '*');
}

/** Keeps the first 6 (region) and last 4 characters of an 18-digit ID. */
export function maskIdNumber(id: string): string {
  const v = id.trim();
  if (v.length <= 10) return '*'.repeat(v.length);
  return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function maskOpenid(openid: string): string {
  if (openid.length <= 8) return openid ? `${openid.slice(0, 2)}****` : '';
  return `${openid.slice(0, 4)}****${openid.slice(-4)}`;
}
