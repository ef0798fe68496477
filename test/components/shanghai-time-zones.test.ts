/**
 * Runs shanghai-time.test.tsx (queue, consult inbox, knowledge history, home notices, guide, case
 * timeline) in a child jest whose process zone is UTC, then America/Los_Angeles: every page must
 * still show the Asia/Shanghai wall clock. A sandboxed test cannot switch its own process zone.
 */
import { spawnSync } from 'node:child_process'
import * as path from 'node:path'

const ROOT = path.join(__dirname, '../..')

describe.each(['UTC', 'America/Los_Angeles'])('TZ=%s', (zone) => {
  it('every page shows Beijing dates and times', () => {
    const run = spawnSync(process.execPath, [
      require.resolve('jest/bin/jest'), '--selectProjects', 'components', '--runTestsByPath', 'test/components/shanghai-time.test.tsx', '--ci', '--silent', '--verbose',
    ], { cwd: ROOT, env: { ...process.env, TZ: zone }, encoding: 'utf8', timeout: 120_000 })
    if (run.status !== 0) throw new Error(`pages under TZ=${zone} failed:\n${run.stderr.slice(-4000)}`)
    expect(run.stderr).toMatch(new RegExp(`pages under TZ=${zone.replace('/', '\\/')}`))
  }, 150_000)
})
