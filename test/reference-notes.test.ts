// What `replay` and `run` tell on stderr about reference data that is not read as a user may think:
// a file in reference/ under a name no table is read from, no reference data at all (every SKU
// unknown), and a CSV header without some of its table's columns. Each note is one line and the
// run goes on.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rowsOf, tableRows, tempDir } from './support/outputs.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const EXAMPLE = join(ROOT, 'examples', 'store-day');
const TABLES = 'product_inventory, product_info, user_address, logistics_area_info, order_processing_rules';

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the example store day to change. */
function exampleCopy(name: string): string {
  const src = join(tempDir(name), 'src');
  spawnSync('cp', ['-r', EXAMPLE, src]);
  return src;
}

const noStock = (src: string) =>
  `ordertrack: note: ${src} has no reference/ directory and the store holds no stock: every SKU is unknown, so every FREEZE fails (see README, "File formats")\n`;

describe('reference notes', () => {
  it('names a file in reference/ that no table is read from', () => {
    const src = exampleCopy('ref-unread');
    writeFileSync(join(src, 'reference', 'inventory.csv'), 'sku_id,available_stock\nSKU-X,5\n');
    writeFileSync(join(src, 'reference', 'README.md'), 'not data\n');
    const r = run('replay', '--source', src, '--out', join(src, '..', 'out'), '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`ordertrack: note: inventory.csv in ${join(src, 'reference')} is not read: reference/ reads ${TABLES} (each .ndjson or .csv)\n`);
  });

  it('says, once, that without reference/ every FREEZE fails, unless the store holds stock', () => {
    const src = exampleCopy('ref-none');
    rmSync(join(src, 'reference'), { recursive: true });
    const out = join(src, '..', 'out');
    const r = run('replay', '--source', src, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(noStock(src));
    const ops = rowsOf(join(out, 'inventory_update_results.ndjson')).map((l) => JSON.parse(l) as { op_type: string; status: string });
    expect(ops.filter((op) => op.op_type === 'FREEZE').length).toBeGreaterThan(0);
    expect(ops.filter((op) => op.status !== 'FAILED')).toEqual([]);
    // A store an earlier replay seeded has the stock: nothing to say.
    const store = join(src, '..', 's.sqlite');
    expect(run('replay', '--source', EXAMPLE, '--out', join(src, '..', 'a'), '--store', store, '--quiet').code).toBe(0);
    const again = run('replay', '--source', src, '--out', join(src, '..', 'b'), '--store', store, '--from', 'earliest', '--quiet');
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
  });

  it('says the same for a live run of the directory', () => {
    const src = exampleCopy('ref-none-run');
    rmSync(join(src, 'reference'), { recursive: true });
    const r = run('run', '--source', src, '--store', join(src, '..', 's.sqlite'), '--exit-when-idle', '300ms', '--commit-interval', '100ms', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(noStock(src));
  });

  it('names a CSV file whose header lacks columns of its table, and how every row reads them', () => {
    const src = exampleCopy('ref-csv');
    const ref = join(src, 'reference');
    const stock = rowsOf(join(ref, 'product_inventory.ndjson')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const csv = ['product_id,sku_id,available_stock', ...stock.map((s) => `${s.product_id},${s.sku_id},${s.available_stock}`)];
    rmSync(join(ref, 'product_inventory.ndjson'));
    writeFileSync(join(ref, 'product_inventory.csv'), csv.join('\n') + '\n');
    const info = rowsOf(join(ref, 'product_info.ndjson')).map((l) => JSON.parse(l) as Record<string, unknown>);
    rmSync(join(ref, 'product_info.ndjson'));
    writeFileSync(join(ref, 'product_info.csv'), ['sku_id,product_id,product_name', ...info.map((p) => `${p.sku_id},${p.product_id},x`)].join('\n') + '\n');
    const out = join(src, '..', 'out');
    const r = run('replay', '--source', src, '--out', out, '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      `ordertrack: note: ${join(ref, 'product_inventory.csv')} has no columns total_stock, frozen_stock, locked_stock: ` +
        'total_stock read as available + frozen + locked, frozen_stock as 0, locked_stock as 0, on every row\n' +
        `ordertrack: note: ${join(ref, 'product_info.csv')} has no column category: read as null (neither fresh nor digital) on every row\n`,
    );
    const final = tableRows(out, 'product_inventory') as Record<string, number>[];
    expect(final).toHaveLength(stock.length);
    expect(final.every((s) => s.total_stock === s.available_stock + s.frozen_stock + s.locked_stock)).toBe(true);
  });
});
