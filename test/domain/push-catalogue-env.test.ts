/**
 * core/push/catalogue.ts reads no process.env (core/ is pure): the caller hands it the environment,
 * and the overrides come from that environment alone.
 */
import { loadCatalogue } from '../../core/push/catalogue';
import { byKey } from '../../core/push/templates';

describe('loadCatalogue(env)', () => {
  const saved = process.env.PUSH_TEMPLATE_IDS;
  afterEach(() => {
    if (saved === undefined) delete process.env.PUSH_TEMPLATE_IDS;
    else process.env.PUSH_TEMPLATE_IDS = saved;
  });

  it('takes the template-id overrides from the environment it is given, not from process.env', () => {
    process.env.PUSH_TEMPLATE_IDS = JSON.stringify({ caseProgress: 'FROM-PROCESS-ENV' });
    const given = loadCatalogue({ PUSH_TEMPLATE_IDS: JSON.stringify({ caseProgress: 'FROM-CALLER' }) });
    expect(byKey(given, 'caseProgress')?.templateId).toBe('FROM-CALLER');
    expect(byKey(loadCatalogue({}), 'caseProgress')?.templateId).toMatch(/^LOCAL-/);
  });

  it('names the variable whose JSON is broken', () => {
    expect(() => loadCatalogue({ PUSH_OA_TEMPLATE_IDS: '{oops' })).toThrow('环境变量 PUSH_OA_TEMPLATE_IDS 不是合法的 JSON');
  });
});
