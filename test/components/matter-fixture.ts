import type { Matter } from '../../core/matter/schema'
import { makeMatter } from '../fixtures/matter-factory'
import type { MatterInput } from '../../core/matter/schema'

/** A stored matter as `matters.get` returns it, built from the shared test factory. */
export function storedMatter(overrides: Partial<MatterInput> = {}): Matter {
  const input = makeMatter(overrides)
  return {
    jointAgencies: [],
    lifeEvents: [],
    keywords: [],
    faqs: [],
    ...input,
    _id: input.implementationCode,
    updatedAt: '2026-11-20T08:00:00.000Z',
  } as Matter
}
