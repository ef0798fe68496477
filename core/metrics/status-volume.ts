/**
 * 办件 volume per status on the 效能看板: which statuses are counted and what they are called.
 * Drafts are not applications yet (nothing was submitted), so they are left out.
 */
import { STATUS_LABELS, type ApplicationStatus } from '../affairs/model';
import type { StatusVolume } from './api';

/** In the order a case moves: the open ones first, then how it ended. */
export const VOLUME_STATUSES: readonly ApplicationStatus[] = ['submitted', 'accepted', 'supplement', 'suspended', 'completed', 'rejected', 'withdrawn'];

/** One entry per counted status, named in Chinese, zeroes included (a chart wants every bar). */
export function statusVolumeOf(counts: ReadonlyMap<ApplicationStatus, number>): StatusVolume[] {
  return VOLUME_STATUSES.map((status) => ({ status, name: STATUS_LABELS[status], count: counts.get(status) ?? 0 }));
}
