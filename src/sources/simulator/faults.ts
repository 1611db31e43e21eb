// Malformed copies of good records, as a buggy or crashing producer writes them. Each kind maps to
// one dead-letter reason of SPEC §2; the generator cycles through the kinds of a topic so that even
// a small data set holds every one of them.
import type { Rng } from './prng.js';

export type Topic = 'status' | 'item' | 'logistics';

export type MalformedKind =
  | 'bad_json'
  | 'not_object'
  | 'missing_field'
  | 'bad_enum'
  | 'bad_timestamp'
  | 'negative_quantity'
  | 'negative_price';

export const MALFORMED_KINDS: Record<Topic, readonly MalformedKind[]> = {
  status: ['bad_json', 'missing_field', 'bad_enum', 'bad_timestamp', 'not_object'],
  item: ['bad_json', 'missing_field', 'bad_timestamp', 'negative_quantity', 'negative_price'],
  logistics: ['bad_json', 'missing_field', 'bad_enum', 'bad_timestamp'],
};

const REQUIRED: Record<Topic, readonly string[]> = {
  status: ['order_id', 'user_id', 'status', 'status_time'],
  item: ['order_id', 'item_id', 'sku_id', 'quantity', 'price', 'create_time'],
  logistics: ['logistics_id', 'order_id', 'status', 'status_time'],
};

const TIME_FIELD: Record<Topic, string> = { status: 'status_time', item: 'create_time', logistics: 'status_time' };

const BAD_STATUS = ['Paid', 'SHIPPING', 'COMPLETED', 'paid', 'WAIT_PAY'];
const BAD_LOGISTICS = ['LOST', 'in_transit', 'PICKED_UP', 'Delivered'];
const BAD_TIMES = ['2026-02-30 10:00:00', 'yesterday', '1732089600', '2026/11/20 10:00:00', '2026-11-20 25:61:00', 'NaN'];

/** The text of a malformed copy of `obj` (whose good text is `line`). */
export function corrupt(topic: Topic, kind: MalformedKind, obj: Record<string, unknown>, line: string, rng: Rng): string {
  switch (kind) {
    case 'bad_json':
      // A producer that died mid-write: any proper prefix of an object's text is not JSON.
      return line.slice(0, rng.int(5, line.length - 2));
    case 'not_object':
      return rng.chance(0.5) ? `[${line}]` : JSON.stringify(String(obj.status ?? 'PAID'));
    case 'missing_field': {
      const fields = REQUIRED[topic];
      const f = fields[rng.int(0, fields.length - 1)]!;
      const copy = { ...obj };
      const how = rng.int(0, 2);
      if (how === 0) delete copy[f];
      else copy[f] = how === 1 ? null : '';
      return JSON.stringify(copy);
    }
    case 'bad_enum':
      return JSON.stringify({ ...obj, status: rng.pick(topic === 'logistics' ? BAD_LOGISTICS : BAD_STATUS) });
    case 'bad_timestamp':
      return JSON.stringify({ ...obj, [TIME_FIELD[topic]]: rng.pick(BAD_TIMES) });
    case 'negative_quantity':
      return JSON.stringify({ ...obj, quantity: rng.chance(0.8) ? -rng.int(1, 3) : 0 });
    case 'negative_price':
      return JSON.stringify({ ...obj, price: rng.chance(0.5) ? -12.5 : '-99.00' });
  }
}
