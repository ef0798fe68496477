/**
 * What the preview deployment configures, as the WeChat console does for production. The push
 * function sends only template ids a deployment configured (PUSH_TEMPLATE_IDS,
 * PUSH_OA_TEMPLATE_IDS or a whole PUSH_TEMPLATES); the local cloud's openapi receiver accepts the
 * preview catalogue's fake ids, so the preview configures exactly those. An operator's own
 * setting always wins.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './runtime/paths';

const PREVIEW_CATALOGUE = path.join(REPO_ROOT, 'config', 'push-templates.json');

interface PreviewCatalogue {
  templates?: { key: string; templateId: string }[];
  oa?: { templates?: Record<string, { templateId: string }> };
}

export function ensurePreviewPushTemplateIds(env: NodeJS.ProcessEnv = process.env): void {
  if (env.PUSH_TEMPLATES || env.PUSH_TEMPLATE_IDS || env.PUSH_OA_TEMPLATE_IDS) return;
  if (!fs.existsSync(PREVIEW_CATALOGUE)) return;
  const cat = JSON.parse(fs.readFileSync(PREVIEW_CATALOGUE, 'utf8')) as PreviewCatalogue;
  env.PUSH_TEMPLATE_IDS = JSON.stringify(Object.fromEntries((cat.templates ?? []).map((t) => [t.key, t.templateId])));
  env.PUSH_OA_TEMPLATE_IDS = JSON.stringify(Object.fromEntries(Object.entries(cat.oa?.templates ?? {}).map(([k, v]) => [k, v.templateId])));
}
