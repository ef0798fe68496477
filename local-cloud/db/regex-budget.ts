/**
 * Regular expressions run with a time budget. One catastrophic pattern (`^(a+)+$` against a long
 * string) used to block the whole process — every other caller of the preview — for many seconds.
 * Matching that involves a regex runs inside `vm` with a timeout (V8 interrupts a backtracking
 * regex), and a query that exceeds it fails with an SDK-style -502001 error instead.
 */
import * as vm from 'node:vm';
import { ErrCode, LocalCloudError } from '../errors';

/** Default budget for all regex matching of one database operation. */
export const DEFAULT_REGEX_BUDGET_MS = 1000;

const context = vm.createContext({});
const script = new vm.Script('__budgeted()', { filename: 'local-cloud-regex-budget.js' });

export function regexBudgetMs(): number {
  const env = Number(process.env.LOCAL_CLOUD_REGEX_BUDGET_MS);
  return Number.isFinite(env) && env > 0 ? env : DEFAULT_REGEX_BUDGET_MS;
}

/** Runs `fn` (synchronous) under the budget; a timeout becomes a -502001 LocalCloudError. */
export function withRegexBudget<T>(fn: () => T, budgetMs = regexBudgetMs()): T {
  let result: T | undefined;
  (context as { __budgeted?: () => void }).__budgeted = () => {
    result = fn();
  };
  try {
    script.runInContext(context, { timeout: budgetMs });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new LocalCloudError(
        ErrCode.DB_REQUEST_FAILED,
        `regular expression matching exceeded the ${budgetMs} ms time budget (catastrophic backtracking?); simplify the db.RegExp pattern`,
      );
    }
    throw e;
  } finally {
    delete (context as { __budgeted?: () => void }).__budgeted;
  }
  return result as T;
}
