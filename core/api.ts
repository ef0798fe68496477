/**
 * The typed contract between the mini-program and its cloud functions:
 * function name → action → params and result. The client and the routers both use it,
 * so a renamed field breaks the build instead of a citizen's page.
 */
import type { AccountApi } from './account/api';
import type { AffairsApi } from './affairs/api';
import type { BookingApi } from './booking/api';
import type { ConsultApi } from './consult/api';
import type { MattersApi } from './matter/api';
import type { PushApi } from './push/api';
import type { EvaluationApi } from './evaluation/api';
import type { PayApi } from './pay/api';
import type { MetricsApi } from './metrics/api';

export type * from './page';
export type * from './account/api';
export type * from './affairs/api';
export type * from './booking/api';
export type * from './consult/api';
export type * from './matter/api';
export type * from './push/api';
export type * from './evaluation/api';
export type * from './pay/api';
export type * from './metrics/api';

/** One interface per domain, each in its own folder. */
export interface Api {
  consult: ConsultApi;
  matters: MattersApi;
  booking: BookingApi;
  affairs: AffairsApi;
  account: AccountApi;
  push: PushApi;
  evaluation: EvaluationApi;
  pay: PayApi;
  metrics: MetricsApi;
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ParamsOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { params: infer P } ? P : never;
export type ResultOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { result: infer R } ? R : never;

/** What `callFunction({ name, data })` carries. */
export interface CallData<F extends FunctionName = FunctionName, A extends ActionName<F> = ActionName<F>> {
  action: A;
  params?: ParamsOf<F, A>;
}
