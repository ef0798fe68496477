/**
 * The one way a cloud function runs a database transaction. Under a rush on one document
 * (a slot, a day counter, one citizen's subscription ledger) conflicts are the normal case, and
 * the SDK's own three immediate re-runs are not enough: this re-runs the whole transaction with
 * jittered backoff until it commits, a domain error ends it, or the attempts are spent.
 *
 * Errors are told apart by `errCode` (and the raw TCB `code`), never by message text. WeChat's
 * wx-server-sdk maps TCB error codes it does not know to SYS_ERR (-501001), and
 * DATABASE_TRANSACTION_CONFLICT is one of those: a conflict arrives as -501001 (the local cloud
 * raises the same). Everything else, a missing collection (-502005) included, is a real error.
 */
import { DomainError } from '../../core/envelope';
import { OUTBOX_COLLECTION } from '../../core/events/outbox';
import { getCloud, type Database, type Transaction } from './cloud';
import { kickPush } from './kick-push';

/** errCodes after which the whole transaction may run again: nothing of it was committed. */
export const RETRYABLE_ERRCODES: readonly number[] = [
  -501001, // SYS_ERR: how wx-server-sdk reports DATABASE_TRANSACTION_CONFLICT
];
/** The raw TCB code, should an error reach us before the SDK maps it to an errCode. */
export const RETRYABLE_TCB_CODES: readonly string[] = ['DATABASE_TRANSACTION_CONFLICT'];

export function isRetryable(e: unknown): boolean {
  if (e instanceof DomainError || typeof e !== 'object' || e === null) return false;
  const { errCode, code } = e as { errCode?: unknown; code?: unknown };
  return (typeof errCode === 'number' && RETRYABLE_ERRCODES.includes(errCode))
    || (typeof code === 'string' && RETRYABLE_TCB_CODES.includes(code));
}

export interface TransactOptions {
  /** Whole-transaction runs before giving up (each run is itself up to the SDK's 3 tries). */
  attempts?: number;
  /** What the caller reads when every attempt conflicted. */
  busyMessage?: string;
  /**
   * Wait up to this long for the push dispatcher's kick to finish, so the caller can report the
   * delivery's outcome (a kick that takes longer keeps running; the caller just stops waiting).
   */
  awaitKickMs?: number;
}

const BACKOFF_BASE_MS = 4;
const BACKOFF_CAP_MS = 120;

/** "Full jitter": a random wait up to an exponentially growing cap, so racing callers spread out. */
function backoffMs(attempt: number): number {
  return 1 + Math.floor(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

/**
 * The database transactions run on: `doc(id).get()` of a missing document answers
 * `{ data: null }` (wx-server-sdk's `throwOnNotFound: false`), so no one has to read an error
 * message to learn that a document is absent.
 */
export function nullableDocDb(): Database {
  return getCloud().database({ throwOnNotFound: false } as never) as unknown as Database;
}

/**
 * Runs `fn` as one transaction, re-running it on conflicts; domain errors pass through at once.
 *
 * The post-commit hook of every domain: when the transaction wrote to the `outbox`, the push
 * dispatcher is kicked once it has committed, so the message leaves now instead of at the next
 * timer sweep (which still delivers it if the kick is lost or this instance dies first).
 */
export async function transact<R>(fn: (t: Transaction) => Promise<R>, options: TransactOptions = {}): Promise<R> {
  const attempts = options.attempts ?? 40;
  const db = nullableDocDb();
  for (let attempt = 1; ; attempt += 1) {
    let touchedOutbox = false;
    const watched = (t: Transaction): Transaction => ({
      collection: (name) => {
        if (name === OUTBOX_COLLECTION) touchedOutbox = true;
        return t.collection(name);
      },
      rollback: (reason) => t.rollback(reason),
    });
    try {
      const result = await db.runTransaction((t) => {
        touchedOutbox = false;
        return fn(watched(t));
      });
      if (touchedOutbox) {
        const kicked = kickPush();
        if (options.awaitKickMs) await waitAtMost(kicked, options.awaitKickMs);
      }
      return result;
    } catch (e) {
      if (!isRetryable(e)) throw e;
      if (attempt >= attempts) {
        console.error('[transact] still conflicting after', attempts, 'attempts', e);
        throw new DomainError('CONFLICT', options.busyMessage ?? '同时操作的人较多，请稍后重试');
      }
      await new Promise((r) => setTimeout(r, backoffMs(attempt)));
    }
  }
}

async function waitAtMost(p: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([p, new Promise<void>((r) => { timer = setTimeout(r, ms); })]);
  clearTimeout(timer);
}

/** One document inside a transaction, or null when it does not exist (a missing collection rejects). */
export async function txGet<T>(t: Transaction, collection: string, id: string): Promise<T | null> {
  const { data } = await t.collection<T>(collection).doc(id).get();
  return (data as T | null | undefined) ?? null;
}

/**
 * Creates a document unless one with that id exists; true when this call created it. Decided by
 * reading inside a transaction, not by parsing a duplicate-key message; a missing collection rejects.
 */
export async function createOnce(collection: string, id: string, data: Record<string, unknown>): Promise<boolean> {
  return transact(async (t) => {
    if (await txGet(t, collection, id)) return false;
    await t.collection(collection).doc(id).set({ data });
    return true;
  });
}
