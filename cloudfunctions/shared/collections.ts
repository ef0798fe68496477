/**
 * Names of the collections more than one cloud function touches, in one place so no function
 * can drift to a misspelt copy. Each is declared (indexes, description) in the collections.json
 * of the function named beside it, which owns its documents; the others read it by the fields
 * the owner stores, or write only what the owner's contract allows (outbox events, access logs).
 * A collection only its own function uses stays in that function's repo.ts.
 */
import { OUTBOX_COLLECTION } from '../../core/events/outbox';

/** account: staff records, read by every function to decide who the caller is (shared/actor). */
export const STAFF = 'staff';

/** matters: the catalogue, read through shared/catalogue. */
export const MATTER_VERSIONS = 'matter_versions';
export const META = 'meta';
/** matters: the admin-maintained department registry overrides (metrics reads them). */
export const DEPARTMENTS = 'departments';

/** affairs: 办件 (booking, consult, evaluation, metrics and pay read them; pay records fees). */
export const APPLICATIONS = 'applications';
/** affairs and consult: who saw which personal data (evaluation appends too). */
export const ACCESS_LOGS = 'access_logs';
/** affairs: the 工作日历 override table (booking reads it for its day list). */
export const CALENDAR_OVERRIDES = 'calendar_overrides';

/** booking: halls (consult answers from them), slots (metrics) and bookings (consult, evaluation, metrics). */
export const BOOKING_HALLS = 'booking_halls';
export const BOOKING_SLOTS = 'booking_slots';
export const BOOKINGS = 'bookings';

/** consult: the conversations' records the metrics function counts. */
export const CONSULT_MESSAGES = 'consult_messages';
export const CONSULT_INBOX = 'consult_inbox';
export const CONSULT_FEEDBACK = 'consult_feedback';

/** evaluation: ratings and tickets (metrics counts them). */
export const EVALUATION_RATINGS = 'evaluation_ratings';
export const EVALUATION_TICKETS = 'evaluation_tickets';

/** pay: bills (affairs shows a case's bill through shared/case-bill). */
export const PAY_BILLS = 'pay_bills';

/** push: every writer's outbox events, which the push dispatcher delivers (named by the event contract). */
export const OUTBOX = OUTBOX_COLLECTION;
/** push: delivery records (consult shows how a reply went, metrics counts), opens (metrics). */
export const PUSH_DELIVERIES = 'push_deliveries';
export const PUSH_OPENS = 'push_opens';
/** push: small state documents (the official account's access token lives here, shared/oa-api). */
export const PUSH_STATE = 'push_state';
/** push: the official account's followers (consult links them to mini-program users). */
export const OA_FOLLOWERS = 'oa_followers';
