/** Parallel writes to one citizen's push settings, called at once in one instance: no update may be lost. */
import { call, startCloud, CITIZEN } from './harness';
import { CATEGORIES } from '../../core/push/templates';

beforeEach(() => startCloud());

test('20 parallel category toggles end in the last state of each category', async () => {
  // Each category is toggled four times in a row (off, on, off, on / on, off, on, off); the five
  // categories run at once, so 20 toggles overlap and each category must end in its last state.
  const chains = CATEGORIES.map((category, i) => Array.from({ length: 4 }, (_, k) => ({ category, on: (k + i) % 2 === 1 })));
  const replies = await Promise.all(chains.map(async (chain) => {
    const out = [];
    for (const r of chain) out.push(await call('push', 'setCategory', r, CITIZEN));
    return out;
  }));
  expect(replies.flat().filter((r) => !r.ok)).toEqual([]);
  const settings = await call('push', 'settings', {}, CITIZEN);
  if (!settings.ok) throw new Error(settings.message);
  const states = Object.fromEntries(settings.data.categories.map((x: { category: string; on: boolean }) => [x.category, x.on]));
  expect(states).toEqual(Object.fromEntries(chains.map((c) => [c[3].category, c[3].on])));
});
