/** 办件 per status now, in the caller's scope: one count per status (indexed: status_updatedAt, department_status_sortDue). */
import type { StatusVolume } from '../../../core/metrics/api';
import { statusVolumeOf, VOLUME_STATUSES } from '../../../core/metrics/status-volume';
import type { ApplicationStatus } from '../../../core/affairs/model';
import { getDb } from '../../shared/cloud';
import { _, APPLICATIONS } from '../repo';
import type { Scope } from './scope';

export async function statusVolumeNow(scope: Scope): Promise<StatusVolume[]> {
  if (!scope.all && !scope.departments.length) return statusVolumeOf(new Map());
  const inScope = scope.all ? {} : { department: _().in(scope.departments) };
  const counts = await Promise.all(VOLUME_STATUSES.map(async (status) => {
    const { total } = await getDb().collection(APPLICATIONS).where({ ...inScope, status }).count();
    return [status, total] as [ApplicationStatus, number];
  }));
  return statusVolumeOf(new Map(counts));
}
