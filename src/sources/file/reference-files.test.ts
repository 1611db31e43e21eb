import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TimeZone } from '../../engine/time/timestamp.js';
import { UserError } from '../../errors.js';
import { loadReferenceDir } from './reference-files.js';

let dir: string;
let ref: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ref-'));
  ref = join(dir, 'reference');
  mkdirSync(ref);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function put(name: string, content: string): string {
  const p = join(ref, name);
  writeFileSync(p, content);
  return p;
}

const T0 = Date.parse('2026-11-20T08:00:00Z');

describe('loadReferenceDir', () => {
  it('gives empty tables without reference/, and an error for a missing directory', () => {
    rmSync(ref, { recursive: true });
    expect(loadReferenceDir(dir)).toEqual({
      product_inventory: [],
      product_info: [],
      user_address: [],
      logistics_area_info: [],
      order_processing_rules: [],
    });
    expect(() => loadReferenceDir(join(dir, 'nope'))).toThrow(UserError);
  });

  it('reads CSV with a header, quoted fields and coercions', () => {
    put(
      'product_inventory.csv',
      '\ufeffproduct_id, sku_id ,total_stock,available_stock,frozen_stock,locked_stock,update_time\n' +
        '10,S1,,7,2,1,2026-11-20 08:00:00\n' +
        '\n' +
        '11,"S,2",20,,,,\n',
    );
    put(
      'product_info.csv',
      'sku_id,product_id,product_name,category\nS1,10,"Apple ""Fuji""\nbox",fresh\nS3,12,,\n',
    );
    put(
      'user_address.csv',
      'user_id,address_id,province,city,district,address,is_default\n' +
        'u1,1,P,C,D,"1 Main St, Apt 2",yes\nu1,2,P,C,D,x,0\nu2,3,P,C,D,x,TRUE\nu2,4,P,C,D,x,\n' +
        'u3, 5, Zhejiang , Hangzhou, Xihu, " 9 Lake Rd ", 1\n',
    );
    const seed = loadReferenceDir(dir);
    expect(seed.product_inventory).toEqual([
      { product_id: '10', sku_id: 'S1', total_stock: 10, available_stock: 7, frozen_stock: 2, locked_stock: 1, update_time: T0 },
      { product_id: '11', sku_id: 'S,2', total_stock: 20, available_stock: 20, frozen_stock: 0, locked_stock: 0, update_time: null },
    ]);
    expect(seed.product_info).toEqual([
      { sku_id: 'S1', product_id: '10', product_name: 'Apple "Fuji"\nbox', category: 'fresh' },
      { sku_id: 'S3', product_id: '12', product_name: null, category: null },
    ]);
    expect(seed.user_address.map((a) => [a.address_id, a.is_default, a.address])).toEqual([
      ['1', true, '1 Main St, Apt 2'],
      ['2', false, 'x'],
      ['3', true, 'x'],
      ['4', false, 'x'],
      ['5', true, ' 9 Lake Rd '],
    ]);
    expect(seed.user_address[4]).toMatchObject({ user_id: 'u3', province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu' });
  });

  it('reads NDJSON with numeric ids, booleans, times in the given zone, and rules', () => {
    put(
      'logistics_area_info.ndjson',
      '{"area_id":101,"province":"Zhejiang","city":"Hangzhou","district":"Xihu","warehouse_id":7}\n\n{"area_id":"A2","province":""}\n',
    );
    put('user_address.ndjson', '{"user_id":5,"address_id":9,"is_default":1}\n{"user_id":"5","address_id":"10","is_default":false}\n');
    put('product_inventory.ndjson', '{"sku_id":"S1","total_stock":9,"frozen_stock":4,"update_time":"2026-11-20 16:00:00"}\n');
    put(
      'order_processing_rules.ndjson',
      '{"rule_id":1,"rule_type":"TIMEOUT","priority":"5","action_expr":"payment_timeout_minutes = 15","effective_time":"2026-11-20 16:00:00","expire_time":null,"status":"ACTIVE"}\n',
    );
    const seed = loadReferenceDir(dir, { timeZone: new TimeZone('Asia/Shanghai') });
    expect(seed.logistics_area_info).toEqual([
      { area_id: '101', province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu', warehouse_id: '7' },
      { area_id: 'A2', province: null, city: null, district: null, warehouse_id: null },
    ]);
    expect(seed.user_address).toEqual([
      { user_id: '5', address_id: '9', province: null, city: null, district: null, address: null, is_default: true },
      { user_id: '5', address_id: '10', province: null, city: null, district: null, address: null, is_default: false },
    ]);
    expect(seed.product_inventory).toEqual([
      { product_id: null, sku_id: 'S1', total_stock: 9, available_stock: 5, frozen_stock: 4, locked_stock: 0, update_time: T0 },
    ]);
    expect(seed.order_processing_rules).toEqual([
      {
        rule_id: '1',
        rule_type: 'TIMEOUT',
        priority: 5,
        action_expr: 'payment_timeout_minutes = 15',
        effective_time: T0,
        expire_time: null,
        status: 'ACTIVE',
      },
    ]);
  });

  it('keeps every digit of an id given as a JSON number, as the events do', () => {
    put('user_address.ndjson', '{"user_id":12345678901234567891,"address_id":1e21,"is_default":true}\n');
    put('product_info.ndjson', '{"sku_id":98765432109876543210,"product_id":7,"category":"fresh"}\n');
    const seed = loadReferenceDir(dir);
    expect(seed.user_address[0]).toMatchObject({ user_id: '12345678901234567891', address_id: '1000000000000000000000' });
    expect(seed.product_info[0]).toMatchObject({ sku_id: '98765432109876543210', product_id: '7' });
  });

  it('names file and line of a malformed line or a row without its key', () => {
    let p = put('product_info.ndjson', '{"sku_id":"S1"}\n\n{"sku_id":\n');
    expect(() => loadReferenceDir(dir)).toThrow(`${p}:3: not valid JSON`);
    p = put('product_info.ndjson', '{"sku_id":"S1"}\n[1]\n');
    expect(() => loadReferenceDir(dir)).toThrow(`${p}:2: not a JSON object`);
    p = put('product_info.ndjson', '{"sku_id":"S1"}\n{"sku_id":""}\n');
    expect(() => loadReferenceDir(dir)).toThrow(`${p}:2: the key column sku_id is missing or empty: fix the row`);
    rmSync(p);
    p = put('user_address.csv', 'user_id,address_id,is_default\nu1,"multi\nline",1\nu2,,1\n');
    expect(() => loadReferenceDir(dir)).toThrow(`${p}:4: the key column address_id is missing or empty`);
  });

  it('rejects malformed CSV, bad values and inconsistent stock with file and line', () => {
    let p = put('logistics_area_info.csv', 'area_id,city\nA1,X\nA2\n');
    expect(() => loadReferenceDir(dir)).toThrow(new RegExp(`^${p}:3: malformed CSV`));
    p = put('logistics_area_info.csv', 'area_id,city\nA1,"open\n');
    expect(() => loadReferenceDir(dir)).toThrow(UserError);
    p = put('logistics_area_info.csv', 'area_id,area_id\nA1,A2\n');
    expect(() => loadReferenceDir(dir)).toThrow(`${p}:1: column area_id appears twice in the header`);
    rmSync(p);
    p = put('product_inventory.csv', 'sku_id,available_stock,total_stock\nS1,5,5\nS2,1.5,\n');
    expect(() => loadReferenceDir(dir)).toThrow(`${p}:3: column available_stock must be an integer ≥ 0, got "1.5"`);
    p = put('product_inventory.csv', 'sku_id,available_stock,total_stock\nS1,5,6\n');
    expect(() => loadReferenceDir(dir)).toThrow(`${p}:2: total_stock (6) must equal available_stock + frozen_stock + locked_stock`);
    p = put('product_inventory.csv', 'sku_id,update_time\nS1,5\n');
    expect(() => loadReferenceDir(dir)).toThrow(`${p}:2: needs available_stock or total_stock`);
    rmSync(p);
    p = put('product_inventory.csv', `sku_id,available_stock\nS1,5\n${'S'.repeat(256)},5\n`);
    expect(() => loadReferenceDir(dir)).toThrow(`${p}:3: column sku_id is longer than 255 characters, the longest id the store holds: fix the row`);
    rmSync(p);
    p = put('user_address.ndjson', '{"user_id":"u","address_id":"a","is_default":"maybe"}\n');
    expect(() => loadReferenceDir(dir)).toThrow(`${p}:1: column is_default must be true/false, 1/0 or yes/no (or Y/N, T/F), got "maybe"`);
    rmSync(p);
    p = put('user_address.csv', 'user_id,address_id,is_default\r\nu,a1,Y\r\nu,a2,n\r\nu,a3,T\r\nu,a4,False\r\n');
    expect(loadReferenceDir(dir).user_address.map((r) => r.is_default)).toEqual([true, false, true, false]);
    rmSync(p);
    put('product_info.csv', 'sku_id\nS1\n');
    put('product_info.ndjson', '{"sku_id":"S1"}\n');
    expect(() => loadReferenceDir(dir)).toThrow(/keep only one of them/);
  });

  it('tells, a line per CSV file, which of its table\'s columns the header lacks and how they are read', () => {
    const inventory = put('product_inventory.csv', 'sku_id,available_stock,total_stock,product_id\nS1,5,5,P1\n');
    const info = put('product_info.csv', 'sku_id,product_id\nS1,P1\n');
    put('user_address.csv', 'user_id,address_id,province,city,district,address,is_default\nu,a,P,C,D,x,1\n');
    put('logistics_area_info.csv', 'area_id\n'); // no rows: nothing is read as anything
    put('order_processing_rules.ndjson', '{"rule_id":"R1"}\n'); // NDJSON rows carry their own keys
    const notes: string[] = [];
    const seed = loadReferenceDir(dir, { onNote: (n) => notes.push(n) });
    expect(notes).toEqual([
      `${inventory} has no columns frozen_stock, locked_stock: read as 0 on every row`,
      `${info} has no columns product_name, category: product_name read as null, category as null (neither fresh nor digital), on every row`,
    ]);
    expect(seed.product_inventory[0]).toMatchObject({ frozen_stock: 0, locked_stock: 0 });
    expect(seed.product_info[0]).toMatchObject({ product_name: null, category: null });
  });

  it('tells which rows repeat a key (the store keeps the first of each)', () => {
    const inventory = put('product_inventory.csv', 'sku_id,product_id,available_stock,frozen_stock,locked_stock,total_stock\nS1,P,5,0,0,5\nS2,P,1,0,0,1\nS1,P,7,0,0,7\n');
    const addresses = put(
      'user_address.ndjson',
      ['u1:a1', 'u1:a2', 'u1:a1', 'u1:a2'].map((k) => JSON.stringify({ user_id: k.split(':')[0], address_id: k.split(':')[1] })).join('\n') + '\n',
    );
    const notes: string[] = [];
    loadReferenceDir(dir, { onNote: (n) => notes.push(n) });
    expect(notes).toEqual([
      `${inventory} repeats a key in 1 row (the first: sku_id S1 at line 4): the first row of each key is used`,
      `${addresses} repeats a key in 2 rows (the first: user_id u1, address_id a1 at line 3): the first row of each key is used`,
    ]);
  });
});
