/** Display masking for personal data (PIPL minimum exposure): phone, ID number, bank card, permit number, name, openid. */
import type { FormFieldType } from './matter/form';

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

/** Bank cards and accounts keep only the last 4 digits (what the cardholder recognises). */
export function maskBankCard(card: string): string {
  const v = card.replace(/[\s-]/g, '');
  return v.length <= 4 ? '*'.repeat(v.length) : `${'*'.repeat(v.length - 4)}${v.slice(-4)}`;
}

/** Permit and licence numbers keep the first and the last 2 characters. */
export function maskPermitNumber(no: string): string {
  const v = no.trim();
  return v.length <= 4 ? '*'.repeat(v.length) : `${v[0]}${'*'.repeat(v.length - 3)}${v.slice(-2)}`;
}

/** Health conditions are not shown at all without a reveal. */
export const HEALTH_MASK = '（已隐藏）';

/** The display form of a sensitive form value, by its field type (non-sensitive types unchanged). */
export function maskFormValue(type: FormFieldType, value: string): string {
  switch (type) {
    case 'idNumber': return maskIdNumber(value);
    case 'phone': return maskPhone(value);
    case 'bankCard': return maskBankCard(value);
    case 'permitNumber': return maskPermitNumber(value);
    case 'health': return HEALTH_MASK;
    default: return value;
  }
}
