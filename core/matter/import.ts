/**
 * Parse and validate a catalogue file (JSON or CSV, format in README "事项导入格式").
 * Pure: returns either every matter validated or a per-row error report, never a partial set.
 */
import Papa from 'papaparse';
import type { ZodIssue } from 'zod';
import { matterImportSchema, type MatterGuide } from './schema';  // schema installs the Chinese zod messages
import { CSV_COLUMNS, FIELD_LABELS, type CsvColumn } from './import-format';
import { DEFAULT_REGISTRY, resolveDepartment, type DepartmentRegistry } from './departments';

export interface ImportRowError {
  /** Spreadsheet row (header = row 1) for CSV, 1-based entry number for JSON. */
  row: number;
  implementationCode?: string;
  field: string;
  message: string;
}

export interface ImportReport {
  format: 'json' | 'csv';
  dryRun: boolean;
  total: number;
  valid: number;
  /** The first MAX_REPORTED_ERRORS errors (in file order). */
  errors: ImportRowError[];
  /** How many errors the file has in all. */
  errorsTotal: number;
  /** Whether `errors` was cut to MAX_REPORTED_ERRORS. */
  errorsTruncated: boolean;
  /** Filled only when the import was applied. */
  created: number;
  updated: number;
  applied: boolean;
}

export type ParsedCatalogue =
  | { ok: true; matters: { row: number; matter: MatterGuide }[] }
  | { ok: false; total: number; valid: number; errors: ImportRowError[] };

export const MAX_IMPORT_ROWS = 2000;
/**
 * Largest file sent inline as `content`, in UTF-8 bytes. WeChat refuses callFunction data above
 * ~100 KB (the whole event); 90 KB leaves room for the rest. Larger files are uploaded to cloud
 * storage first and passed as `fileID`.
 */
export const MAX_INLINE_IMPORT_BYTES = 90 * 1024;
/** Largest uploaded catalogue file the function downloads (2 000 seed-sized matters: CSV ≈ 7.5 MB, JSON ≈ 10–14 MB). */
export const MAX_UPLOAD_IMPORT_BYTES = 20 * 1024 * 1024;
/** A report lists at most this many errors (plus the totals): 2 000 empty rows must not make a megabyte. */
export const MAX_REPORTED_ERRORS = 200;

/** The report's error part: the first MAX_REPORTED_ERRORS errors and how many there were. */
export function capErrors(errors: ImportRowError[], max = MAX_REPORTED_ERRORS): Pick<ImportReport, 'errors' | 'errorsTotal' | 'errorsTruncated'> {
  return { errors: errors.slice(0, max), errorsTotal: errors.length, errorsTruncated: errors.length > max };
}

/**
 * Parse, validate and resolve every row's department against the registry. `total` counts every
 * data row of the file (rows whose cells could not even be read included); `valid` the rows with
 * no error at all.
 */
export function parseCatalogue(format: 'json' | 'csv', content: string, registry: DepartmentRegistry = DEFAULT_REGISTRY): ParsedCatalogue {
  const raw = format === 'json' ? readJson(content) : readCsv(content);
  if ('fatal' in raw) return { ok: false, total: 0, valid: 0, errors: [raw.fatal] };
  const total = raw.entries.length + raw.rejectedRows;
  if (total === 0) {
    return { ok: false, total: 0, valid: 0, errors: [{ row: 0, field: '文件', message: '文件中没有任何事项' }] };
  }
  if (total > MAX_IMPORT_ROWS) {
    return { ok: false, total, valid: 0, errors: [{ row: 0, field: '文件', message: `单次最多导入${MAX_IMPORT_ROWS}个事项，请拆分文件` }] };
  }

  const errors: ImportRowError[] = [...raw.errors];
  const matters: { row: number; matter: MatterGuide }[] = [];
  const seenCodes = new Map<string, number>();
  for (const entry of raw.entries) {
    const code = typeof (entry.value as { implementationCode?: unknown })?.implementationCode === 'string'
      ? (entry.value as { implementationCode: string }).implementationCode : undefined;
    const parsed = matterImportSchema.safeParse(entry.value);
    if (!parsed.success) {
      errors.push(...parsed.error.issues.map((issue) => issueToRowError(entry.row, code, issue)));
      continue;
    }
    const dept = resolveDepartment(parsed.data.department, registry);
    if (!dept.ok) {
      errors.push({ row: entry.row, implementationCode: code, field: labelForPath(['department', dept.field]), message: dept.message });
      continue;
    }
    const firstRow = seenCodes.get(parsed.data.implementationCode);
    if (firstRow !== undefined) {
      errors.push({ row: entry.row, implementationCode: code, field: FIELD_LABELS.implementationCode, message: `实施编码与第${firstRow}行重复` });
      continue;
    }
    seenCodes.set(parsed.data.implementationCode, entry.row);
    matters.push({ row: entry.row, matter: { ...parsed.data, department: dept.department } });
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    const rowsWithErrors = new Set(errors.map((e) => e.row));
    return { ok: false, total, valid: total - rowsWithErrors.size, errors };
  }
  return { ok: true, matters };
}

interface RawEntries {
  entries: { row: number; value: unknown }[];
  errors: ImportRowError[];
  /** Data rows that produced no entry because their cells already failed (counted in the total). */
  rejectedRows: number;
}

function readJson(content: string): RawEntries | { fatal: ImportRowError } {
  let doc: unknown;
  try {
    doc = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { fatal: { row: 0, field: '文件', message: `不是合法的 JSON：${(e as Error).message}` } };
  }
  const list = Array.isArray(doc) ? doc : (doc as { matters?: unknown })?.matters;
  if (!Array.isArray(list)) {
    return { fatal: { row: 0, field: '文件', message: 'JSON 须为事项数组，或包含 matters 数组的对象' } };
  }
  return { entries: list.map((value, i) => ({ row: i + 1, value })), errors: [], rejectedRows: 0 };
}

function readCsv(content: string): RawEntries | { fatal: ImportRowError } {
  const result = Papa.parse<string[]>(content.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const rows = result.data;
  if (rows.length === 0) return { fatal: { row: 0, field: '文件', message: 'CSV 文件为空' } };
  const header = rows[0].map((h) => h.trim());
  const missing = CSV_COLUMNS.filter((c) => c.required && !header.includes(c.header)).map((c) => c.header);
  if (missing.length > 0) {
    return { fatal: { row: 1, field: '表头', message: `缺少列：${missing.join('、')}` } };
  }
  const unknown = header.filter((h) => h && !CSV_COLUMNS.some((c) => c.header === h));
  if (unknown.length > 0) {
    return { fatal: { row: 1, field: '表头', message: `无法识别的列：${unknown.join('、')}` } };
  }
  const entries: RawEntries['entries'] = [];
  const errors: ImportRowError[] = [];
  let rejectedRows = 0;
  // Papa reports quoting problems per row; keep them so the row is rejected, not silently mangled.
  const brokenRows = new Map<number, string>();
  for (const err of result.errors) {
    if (typeof err.row === 'number') brokenRows.set(err.row, err.message);
  }
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const broken = brokenRows.get(i + 1);
    if (broken) {
      errors.push({ row, field: '整行', message: `CSV 格式错误：${broken}` });
      rejectedRows += 1;
      return;
    }
    if (cells.length !== header.length) {
      errors.push({ row, field: '整行', message: `列数为${cells.length}，与表头的${header.length}列不一致` });
      rejectedRows += 1;
      return;
    }
    const record: Record<string, string> = {};
    header.forEach((h, j) => { record[h] = cells[j] ?? ''; });
    const converted = csvRecordToMatter(record, CSV_COLUMNS);
    if (converted.errors.length > 0) {
      errors.push(...converted.errors.map((e) => ({ row, implementationCode: record['实施编码'] || undefined, ...e })));
      rejectedRows += 1;
      return;
    }
    entries.push({ row, value: converted.value });
  });
  return { entries, errors, rejectedRows };
}

function csvRecordToMatter(record: Record<string, string>, columns: readonly CsvColumn[]) {
  const value: Record<string, unknown> = {};
  const errors: { field: string; message: string }[] = [];
  for (const column of columns) {
    const cell = (record[column.header] ?? '').trim();
    if (cell === '' && !column.required) {
      if (column.empty) setPath(value, column.path, column.empty);
      continue;
    }
    try {
      setPath(value, column.path, column.read(cell));
    } catch (e) {
      errors.push({ field: column.header, message: (e as Error).message });
    }
  }
  return { value, errors };
}

function setPath(target: Record<string, unknown>, path: string, v: unknown) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] = (node[key] as Record<string, unknown>) ?? {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = v;
}

function issueToRowError(row: number, implementationCode: string | undefined, issue: ZodIssue): ImportRowError {
  return { row, implementationCode, field: labelForPath(issue.path), message: issue.message };
}

/** `materials.0.copies` → `申请材料第1项·复印件份数`. */
export function labelForPath(path: (string | number)[]): string {
  if (path.length === 0) return '事项';
  const parts: string[] = [];
  for (const key of path) {
    if (typeof key === 'number') parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''}第${key + 1}项`;
    else parts.push(FIELD_LABELS[key] ?? key);
  }
  return parts.join('·');
}
