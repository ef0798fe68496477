/**
 * The simulate project runs in jsdom (miniprogram-simulate needs a DOM), which hides some Node
 * globals the local cloud uses at run time (local-cloud/util.ts yields with setImmediate).
 * Import this before driving cloud functions from a simulate test.
 */
import { clearImmediate as nodeClearImmediate, setImmediate as nodeSetImmediate } from 'timers'

const g = globalThis as unknown as Record<string, unknown>
if (typeof g.setImmediate !== 'function') g.setImmediate = nodeSetImmediate
if (typeof g.clearImmediate !== 'function') g.clearImmediate = nodeClearImmediate
