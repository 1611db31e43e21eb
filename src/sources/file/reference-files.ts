// Seed files of the reference tables (SPEC §13): `<dir>/reference/<table>.ndjson` (one JSON
// object per line, blank lines skipped) or `<dir>/reference/<table>.csv` (RFC 4180, first record
// is the header, quoted fields may hold commas, quotes and newlines). Every table is optional;
// no `reference/` directory gives empty tables. Coercions: see reference-rows.ts. A CSV header
// that lacks some of its table's columns (but the keys) is told, with how the rows read them.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { TABLES } from '../../sinks/schema.js';
import type { ReferenceSeed } from '../../sinks/store.js';
import { UTC, type TimeZone } from '../../engine/time/timestamp.js';
import { UserError } from '../../errors.js';
import { isBlank } from './file-record.js';
import { ioError, LineReader } from './line-reader.js';
import { addressRow, areaRow, OPTIONAL_COLUMNS, productRow, RowError, ruleRow, stockRow, type Row } from './reference-rows.js';
import { hasInexactNumber, parseWithExactText } from '../message.js';

/** The tables `reference/` seeds, each from `<table>.ndjson` or `<table>.csv`. */
export const REFERENCE_TABLES = ['product_inventory', 'product_info', 'user_address', 'logistics_area_info', 'order_processing_rules'] as const;

export interface ReferenceOptions {
  /** Zone for update_time and rule times written without one (default UTC). */
  timeZone?: TimeZone;
  /** Told, in a line, of each CSV file whose header lacks some of its table's columns. */
  onNote?: (note: string) => void;
}

export function loadReferenceDir(dir: string, opts: ReferenceOptions = {}): ReferenceSeed {
  const tz = opts.timeZone ?? UTC;
  const root = resolve(dir);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new UserError(`Source directory ${root} does not exist: pass the directory that holds reference/`);
  const ref = join(root, 'reference');
  const load = <T>(table: string, convert: (row: Row) => T): T[] => loadTable(ref, table, convert, opts.onNote);
  return {
    product_inventory: load('product_inventory', (r) => stockRow(r, tz)),
    product_info: load('product_info', productRow),
    user_address: load('user_address', addressRow),
    logistics_area_info: load('logistics_area_info', areaRow),
    order_processing_rules: load('order_processing_rules', (r) => ruleRow(r, tz)),
  };
}

/**
 * What a run over `dir` is told when, once seeded, the store holds no stock: every SKU is unknown,
 * so every FREEZE fails. (A store that holds stock from an earlier seed says nothing.)
 */
export function noStockNote(dir: string): string {
  const ref = join(dir, 'reference');
  const where = existsSync(ref) ? `${ref} gives no product_inventory rows` : `${dir} has no reference/ directory`;
  return `${where} and the store holds no stock: every SKU is unknown, so every FREEZE fails (see README, "File formats")`;
}

function loadTable<T>(ref: string, table: string, convert: (row: Row) => T, onNote?: (note: string) => void): T[] {
  const ndjson = join(ref, `${table}.ndjson`);
  const csv = join(ref, `${table}.csv`);
  const hasNdjson = exists(ndjson);
  const hasCsv = exists(csv);
  if (hasNdjson && hasCsv) throw new UserError(`Both ${ndjson} and ${csv} exist: keep only one of them`);
  const out: T[] = [];
  const key = TABLES.find((t) => t.name === table)!.key;
  const seen = new Set<string>();
  let repeats = 0;
  let firstRepeat = '';
  const each = (path: string, line: number, row: Row): void => {
    let converted: T;
    try {
      converted = convert(row);
    } catch (err) {
      if (err instanceof RowError) throw new UserError(`${path}:${line}: ${err.message}: fix the row`);
      throw err;
    }
    out.push(converted);
    const values = key.map((c) => String((converted as Record<string, unknown>)[c]));
    const k = values.join('\u0000');
    if (!seen.has(k)) seen.add(k);
    else if (repeats++ === 0) firstRepeat = `${key.map((c, i) => `${c} ${values[i]}`).join(', ')} at line ${line}`;
  };
  const path = hasNdjson ? ndjson : csv;
  if (hasNdjson) readNdjson(ndjson, each);
  else if (hasCsv) {
    const header = readCsv(csv, each);
    if (out.length > 0 && onNote) {
      const missing = Object.entries(OPTIONAL_COLUMNS[table] ?? {}).filter(([col]) => !header.includes(col));
      if (missing.length > 0) onNote(missingColumnsNote(csv, missing));
    }
  }
  // The store keeps the first row of a key (a seed never overwrites one): say the others are not used.
  if (repeats > 0 && onNote) {
    onNote(`${path} repeats a key in ${repeats} row${repeats > 1 ? 's' : ''} (the first: ${firstRepeat}): the first row of each key is used`);
  }
  return out;
}

/** `<file> has no columns a, b: read as null on every row` (or each column's own reading). */
function missingColumnsNote(path: string, missing: [string, string][]): string {
  const names = missing.map(([col]) => col);
  const readings = new Set(missing.map(([, reading]) => reading));
  const how = readings.size === 1
    ? `read as ${missing[0]![1]}`
    : missing.map(([col, reading], i) => `${col}${i === 0 ? ' read' : ''} as ${reading}`).join(', ') + ',';
  return `${path} has no column${names.length > 1 ? 's' : ''} ${names.join(', ')}: ${how} on every row`;
}

function exists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

type EachRow = (path: string, line: number, row: Row) => void;

/** The id columns of the reference tables (text, which a row may give as a JSON number). */
const REFERENCE_IDS = ['sku_id', 'product_id', 'user_id', 'address_id', 'area_id', 'warehouse_id'];

function readNdjson(path: string, each: EachRow): void {
  const reader = new LineReader(path);
  try {
    for (let text = reader.next(); text !== undefined; text = reader.next()) {
      if (isBlank(text)) continue;
      let row: unknown;
      try {
        row = JSON.parse(text);
      } catch {
        throw new UserError(`${path}:${reader.lineNumber}: not valid JSON: fix the line (one JSON object per line)`);
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        throw new UserError(`${path}:${reader.lineNumber}: not a JSON object: fix the line (one JSON object per line)`);
      }
      // Ids given as numbers are their decimal text, every digit kept, as in the events.
      if (hasInexactNumber(row, REFERENCE_IDS)) row = parseWithExactText(text, REFERENCE_IDS);
      each(path, reader.lineNumber, row as Row);
    }
  } finally {
    reader.close();
  }
}

interface CsvRecord {
  record: Record<string, string>;
  raw: string;
  info: { lines: number };
}

/** Reads the records; returns the header's column names. */
function readCsv(path: string, each: EachRow): string[] {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (err) {
    throw ioError(path, err);
  }
  let records: CsvRecord[];
  let columns: string[] = [];
  try {
    records = parse(content, {
      bom: true,
      columns: (header: string[]) => (columns = header.map((h, i) => headerName(path, header, h, i))),
      skip_empty_lines: true,
      // Blanks around a cell (`a, b`, as the README lays headers out) are layout, not data; a
      // quoted cell keeps the blanks inside its quotes.
      trim: true,
      info: true,
      raw: true,
    }) as unknown as CsvRecord[];
  } catch (err) {
    if (err instanceof UserError) throw err;
    const e = err as { lines?: number; message?: string };
    throw new UserError(`${path}:${e.lines ?? '?'}: malformed CSV (${e.message ?? String(err)}): fix the file`, { cause: err });
  }
  for (const r of records) each(path, startLine(r), r.record);
  return columns;
}

function headerName(path: string, header: string[], h: string, i: number): string {
  const name = h.trim();
  if (name === '') throw new UserError(`${path}:1: header column ${i + 1} has no name: name every column`);
  if (header.findIndex((x) => x.trim() === name) !== i) {
    throw new UserError(`${path}:1: column ${name} appears twice in the header: keep one`);
  }
  return name;
}

/** The line a record starts on: csv-parse reports the line it ends on. */
function startLine(r: CsvRecord): number {
  const body = r.raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
  let inner = 0;
  for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) inner++;
  return r.info.lines - inner;
}
