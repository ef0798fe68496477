/**
 * The catalogue of this deployment: config/push-templates.json plus env overrides. The caller
 * passes its environment (a cloud function: `process.env`); core/ reads no platform itself.
 */
import raw from '../../config/push-templates.json';
import { parseCatalogue, type Catalogue } from './templates';

/** An environment such as `process.env`; these variables override the catalogue (docs/push.md). */
export interface CatalogueEnv {
  PUSH_TEMPLATES?: string;
  PUSH_TEMPLATE_IDS?: string;
  PUSH_OA_TEMPLATE_IDS?: string;
  [other: string]: string | undefined;
}

function jsonEnvOf(env: CatalogueEnv, name: 'PUSH_TEMPLATE_IDS' | 'PUSH_OA_TEMPLATE_IDS'): Record<string, string> {
  const v = env[name];
  if (!v) return {};
  try {
    return JSON.parse(v) as Record<string, string>;
  } catch {
    throw new Error(`环境变量 ${name} 不是合法的 JSON`);
  }
}

let cached: { key: string; value: Catalogue } | null = null;

export function loadCatalogue(env: CatalogueEnv): Catalogue {
  const jsonEnv = (name: 'PUSH_TEMPLATE_IDS' | 'PUSH_OA_TEMPLATE_IDS') => jsonEnvOf(env, name);
  const key = `${env.PUSH_TEMPLATES ?? ''}|${env.PUSH_TEMPLATE_IDS ?? ''}|${env.PUSH_OA_TEMPLATE_IDS ?? ''}`;
  if (cached?.key === key) return cached.value;
  const source = env.PUSH_TEMPLATES ? JSON.parse(env.PUSH_TEMPLATES) : raw;
  // The committed file's ids are fake: without overrides they are marked unconfigured (never sent).
  const value = parseCatalogue(source, jsonEnv('PUSH_TEMPLATE_IDS'), jsonEnv('PUSH_OA_TEMPLATE_IDS'), !env.PUSH_TEMPLATES);
  cached = { key, value };
  return value;
}
