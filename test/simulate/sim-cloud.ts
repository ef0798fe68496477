/**
 * The local cloud behind the simulated weapp pages: the given functions, every declared
 * collection and index, the 示例市 catalogue imported the way the staff page does (uploaded,
 * since it is above callFunction's inline limit), and one citizen whose calls the page makes.
 * Registers its own beforeAll/afterEach/afterAll so each test file states only what it needs.
 */
import { configureLocalCloud, declareCollections, invokeFunction, registerFunction, resetLocalCloud } from '../../local-cloud'
import { allCollectionDeclarations } from '../../local-cloud/runtime/function-config'
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths'
import { importCatalogueFile } from '../../scripts/lib/import-file'
import type { CallFunctionRequest, TaroPage } from './taro-page-harness'

export const SIM_ADMIN = 'sim-admin'
export const SIM_CITIZEN = 'sim-citizen'

type Main = Parameters<typeof registerFunction>[1]
type Invoke = (name: string, data: unknown, openid?: string) => Promise<unknown>

export interface SimCloudOptions {
  functions: Record<string, Main>
  /** The catalogue JSON text to import. */
  catalogue: string
  /** What the import must answer (e.g. `{ applied: true, created: n }`). */
  expectImported?: Record<string, unknown>
  /** Further seeding after the import, as the admin. */
  seed?: (invoke: Invoke, admin: string) => Promise<unknown>
}

export interface SimCloud {
  /** The stub behind wx.cloud.callFunction: the real function, called as the citizen. */
  viaLocalCloud(req: CallFunctionRequest): Promise<{ result: unknown }>
  /** Keep the loaded page here: it is unloaded after each test. */
  track(page: TaroPage): TaroPage
}

export function useSimCloud(opts: SimCloudOptions): SimCloud {
  const invoke: Invoke = (name, data, openid) => invokeFunction(name, data, openid ? { OPENID: openid } : {})
  const previousAdmins = process.env.ADMIN_OPENIDS
  let page: TaroPage | undefined

  beforeAll(async () => {
    resetLocalCloud()
    configureLocalCloud({ dataDir: ':memory:' })
    declareCollections(allCollectionDeclarations(FUNCTIONS_DIR))
    process.env.ADMIN_OPENIDS = SIM_ADMIN
    for (const [name, main] of Object.entries(opts.functions)) registerFunction(name, main)
    const imported = await importCatalogueFile(invoke, { format: 'json', content: opts.catalogue, name: 'matters.json' }, SIM_ADMIN)
    expect(imported).toMatchObject({ ok: true, data: { applied: true, ...opts.expectImported } })
    await opts.seed?.(invoke, SIM_ADMIN)
  })

  afterEach(() => {
    page?.unload()
    page = undefined
  })

  afterAll(() => {
    resetLocalCloud()
    if (previousAdmins === undefined) delete process.env.ADMIN_OPENIDS
    else process.env.ADMIN_OPENIDS = previousAdmins
  })

  return {
    viaLocalCloud: async ({ name, data }) => ({ result: await invoke(name, data, SIM_CITIZEN) }),
    track: (p) => (page = p),
  }
}
