/**
 * Compile-time tests of the function-test harness (checked by `npm run typecheck`): `call` is typed
 * by the contract, so a test reading a renamed result field, or sending a renamed param, fails the
 * type-check. Each `@ts-expect-error` fails the type-check if the drift it shows stops being an error.
 */
import { call, callBad, expectOk } from '../functions/harness';

export async function readsTheContract(): Promise<void> {
  const checkedIn = expectOk(await call('booking', 'checkIn', { code: '72295652' }, 'staff'));
  const status: string = checkedIn.statusLabel;
  void status;
  // @ts-expect-error the result has no `label` (it is `statusLabel`)
  void checkedIn.label;
  // @ts-expect-error the param is `code`, not `checkInCode`
  await call('booking', 'checkIn', { checkInCode: '72295652' }, 'staff');
  // @ts-expect-error no such action
  await call('booking', 'checkin', {}, 'staff');
  // Bad input on purpose says so; its reply is still the action's result type.
  const bad = await callBad('booking', 'checkIn', { code: 42 }, 'staff');
  if (bad.ok) void bad.data.statusLabel;
}
