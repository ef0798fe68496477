import { DomainError } from '../../core/envelope';

/** `CODE:message` of the DomainError a call throws, `ok` when it throws none (other errors propagate). */
export function refusalOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return `${e.code}:${e.message}`;
    throw e;
  }
  return 'ok';
}
