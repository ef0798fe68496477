import { rulesFromEnv, type BookingRules } from '../../core/booking/model';

/** The limits in force: defaults, overridden by the function's environment variables (BOOKING_*). */
export function rules(): BookingRules {
  return rulesFromEnv(process.env);
}
