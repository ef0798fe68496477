/**
 * The replies the component tests mock (test/components/recorded-replies.json) are recorded
 * from the real functions on the local cloud, so a mock can never say what the server never
 * sends. After changing a reply: `RECORD_REPLIES=1 npx jest test/functions/recorded-replies.test.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Papa from 'papaparse';
import { mattersToCsv } from '../../core/matter/import-format';
import { matterSchema } from '../../core/matter/schema';
import { makeMatter } from '../fixtures/matter-factory';
import { ADMIN, CITIZEN, POLICE_CLERK, call, expectOk, startCloud } from './harness';

const FILE = path.join(__dirname, '..', 'components', 'recorded-replies.json');
const police = { code: 'psb', name: '示例市公安局', creditCode: '11999900MB0P12301G' };
const exitEntry = { code: 'exit-entry', name: '示例市公安局出入境管理支队', creditCode: '11999900MB0P12328T' };

async function record(): Promise<Record<string, unknown>> {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: POLICE_CLERK, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN));
  const passport = makeMatter({
    name: '普通护照签发', implementationCode: '11999900MB0X12346B4000100001', keywords: ['办护照'], department: exitEntry, themes: ['出入境'],
    timeLimit: { statutoryDays: 15, promisedDays: 7, caseKind: '承诺件' },
    channels: { onsiteVisits: 0, onlineDepth: 4, mobile: true, appointment: false, postal: true, scope: '全市通办' },
  });
  const household = Array.from({ length: 25 }, (_, i) => makeMatter({
    name: `户籍事项${String(i + 1).padStart(2, '0')}`, implementationCode: `11999900MB0X12345A40002000${String(i + 1).padStart(2, '0')}`,
    department: police, themes: ['户籍'],
  }));
  expectOk(await call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters: [passport, ...household] }) }, ADMIN));

  // A clerk's dry run of a CSV whose second matter has “一次” as its 到现场次数.
  const csv = mattersToCsv([household[0], household[1]].map((m) => matterSchema.parse(m))).replace(/^\uFEFF/, '');
  const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
  rows[2][rows[0].indexOf('到现场次数')] = '一次';
  const badCsv = Papa.unparse(rows, { newline: '\r\n' });

  return {
    whoamiCitizen: expectOk(await call('account', 'whoami', {}, CITIZEN)),
    whoamiStaff: expectOk(await call('account', 'whoami', {}, POLICE_CLERK)),
    importDryRunWithError: expectOk(await call('matters', 'import', { format: 'csv', content: badCsv, dryRun: true }, POLICE_CLERK)),
    searchPassport: expectOk(await call('matters', 'search', { q: '护照' }, CITIZEN)),
    searchNothing: expectOk(await call('matters', 'search', { q: '火星移民' }, CITIZEN)),
    listHouseholdPage1: expectOk(await call('matters', 'list', { by: 'theme', value: '户籍', page: 1, pageSize: 20 }, CITIZEN)),
    listHouseholdPage2: expectOk(await call('matters', 'list', { by: 'theme', value: '户籍', page: 2, pageSize: 20 }, CITIZEN)),
  };
}

describe('recorded server replies for component tests', () => {
  it('are what the functions reply today', async () => {
    const replies = JSON.parse(JSON.stringify(await record()));
    if (process.env.RECORD_REPLIES === '1') fs.writeFileSync(FILE, `${JSON.stringify(replies, null, 2)}\n`);
    expect(JSON.parse(fs.readFileSync(FILE, 'utf8'))).toEqual(replies);
  });
});
