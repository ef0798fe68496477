/**
 * 一件事一次办: one form and one material list for several matters of a life event. Each field is
 * asked once (by key); each material once (by its 等同材料 key `sameAs`, else its id); and a
 * material that another chosen matter of the bundle issues (`produces`) is not asked at all.
 * Pure: the bundle page and the affairs function compute the same lists.
 */
import type { FormField } from '../matter/form';
import type { Matter } from '../matter/schema';
import type { MaterialDef } from './model';

export interface BundleMaterial extends MaterialDef {
  /** The chosen-matter ids that need it. */
  matterIds: string[];
  /** Matters of the bundle whose result is this material: chosen together, nobody uploads it. */
  producedBy: { matterId: string; matterName: string }[];
}

/** 一件事一次办: the combined form and material list of a life event's online matters. */
export interface BundleDefinition {
  lifeEvent: string;
  name: string;
  /** `materialIds` are bundle material ids (BundleMaterial.id). */
  matters: { id: string; name: string; departmentName: string; fieldKeys: string[]; materialIds: string[] }[];
  fields: FormField[];
  materials: BundleMaterial[];
}

const NECESSITY_RANK = { 必要: 2, 容缺: 1, 非必要: 0 } as const;

type BundleMatter = Pick<Matter, '_id' | 'name' | 'department' | 'form' | 'materials' | 'produces'>;

/** The key a material is asked by in a bundle: equivalent materials share it. */
export const bundleMaterialKey = (m: { id: string; sameAs?: string }): string => m.sameAs ?? m.id;

export function combineBundle(lifeEvent: string, name: string, matters: BundleMatter[]): BundleDefinition {
  const fields = new Map<string, FormField>();
  const materials = new Map<string, BundleMaterial>();
  for (const m of matters) {
    for (const f of m.form.fields) {
      const had = fields.get(f.key);
      fields.set(f.key, had ? { ...had, required: had.required || f.required } : f);
    }
    for (const d of m.materials) {
      const id = bundleMaterialKey(d);
      const had = materials.get(id);
      if (!had) materials.set(id, { id, name: d.name, necessity: d.necessity, matterIds: [m._id], producedBy: [] });
      else {
        if (!had.matterIds.includes(m._id)) had.matterIds.push(m._id);
        // The strictest necessity wins, and with it that matter's wording of the material.
        if (NECESSITY_RANK[d.necessity] > NECESSITY_RANK[had.necessity]) Object.assign(had, { necessity: d.necessity, name: d.name });
      }
    }
  }
  for (const m of matters) {
    for (const key of m.produces ?? []) materials.get(key)?.producedBy.push({ matterId: m._id, matterName: m.name });
  }
  return {
    lifeEvent, name,
    matters: matters.map((m) => ({
      id: m._id, name: m.name, departmentName: m.department.name, fieldKeys: m.form.fields.map((f) => f.key),
      materialIds: [...new Set(m.materials.map(bundleMaterialKey))],
    })),
    fields: [...fields.values()], materials: [...materials.values()],
  };
}

/** Which chosen matter issues this material, if any (never the one that needs it alone). */
export function issuerAmong(material: BundleMaterial, chosen: readonly string[]): BundleMaterial['producedBy'][number] | undefined {
  return material.producedBy.find((p) => chosen.includes(p.matterId) && material.matterIds.some((id) => id !== p.matterId && chosen.includes(id)));
}

/** The materials to ask for when these matters are chosen: needed by one of them, issued by none. */
export function materialsToAsk(def: BundleDefinition, chosen: readonly string[]): BundleMaterial[] {
  return def.materials.filter((m) => m.matterIds.some((id) => chosen.includes(id)) && !issuerAmong(m, chosen));
}
