/**
 * Personal numbers typed into a consultation: stored masked, the original sealed beside it
 * (AES-GCM, PII_KEY) for a logged reveal by an agent. Text without any is stored as typed.
 */
import { maskPersonalNumbers } from '../../core/consult/personal-numbers';
import { piiCipherFor } from '../shared/pii';

export const pii = () => piiCipherFor(process.env.PII_KEY);

export interface SealedText {
  text: string;
  /** The original, encrypted; only when `text` had to be masked. */
  sealed?: string;
}

export function sealPersonalText(text: string): SealedText {
  const masked = maskPersonalNumbers(text);
  return masked === text ? { text } : { text: masked, sealed: pii().encrypt(text) };
}
