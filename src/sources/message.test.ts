import { describe, expect, it } from 'vitest';
import { T_ITEM, T_LOGISTICS, T_STATUS } from '../engine/types.js';
import { messageKey } from './simulator/kafka-writer.js';
import { decimalText, hasInexactId, NOT_JSON, parseTopicMessage, parseWithExactIds } from './message.js';

describe('ids given as JSON numbers are read as their decimal text (SPEC §2)', () => {
  it('writes a number literal without exponent or redundant zeros, keeping every digit', () => {
    const cases: [string, string][] = [
      ['12345678901234567890', '12345678901234567890'],
      ['-12345678901234567890', '-12345678901234567890'],
      ['1e21', '1000000000000000000000'],
      ['1.5E+3', '1500'],
      ['12e-1', '1.2'],
      ['1e-7', '0.0000001'],
      ['0.000', '0'],
      ['-0', '0'],
      ['1.50', '1.5'],
      ['007', '7'],
      ['100', '100'],
    ];
    for (const [literal, text] of cases) expect(decimalText(literal), literal).toBe(text);
  });

  it('looks again only at messages whose numeric ids JavaScript cannot print as written', () => {
    expect(hasInexactId(T_STATUS, { order_id: 12345678901234567890, user_id: 'U' })).toBe(true);
    expect(hasInexactId(T_STATUS, { order_id: 'O1', user_id: 1e21 })).toBe(true);
    expect(hasInexactId(T_LOGISTICS, { logistics_id: 'L', order_id: 'O', location: 1e-7 })).toBe(true);
    // 1e400 is Infinity to JSON.parse: its decimal text (401 digits) is what the id is.
    expect(hasInexactId(T_STATUS, { order_id: Infinity, user_id: 'U' })).toBe(true);
    expect(hasInexactId(T_STATUS, { order_id: -Infinity, user_id: 'U' })).toBe(true);
    expect(hasInexactId(T_STATUS, { order_id: 9007199254740991, user_id: 1.5 })).toBe(false);
    // Only ids: a huge quantity stays a number (and is BAD_VALUE), a number elsewhere is not looked at.
    expect(hasInexactId(T_ITEM, { order_id: 'O', item_id: 'I', sku_id: 'S', quantity: 1e30 })).toBe(false);
    expect(hasInexactId(T_STATUS, { order_id: 'O', ext_info: { n: 1e30 } })).toBe(false);
    expect(hasInexactId(T_STATUS, [1e30])).toBe(false);
  });

  it('turns those ids into text and leaves every other value as JSON.parse reads it', () => {
    const text =
      '{"order_id" : 12345678901234567891, "user_id":1e21, "note":"\\"order_id\\":12345678901234567892", ' +
      '"status_time":1795132806934, "ext_info":{"channel":"app"}, "quantity":12345678901234567893}';
    expect(parseWithExactIds(T_STATUS, text)).toEqual({
      order_id: '12345678901234567891',
      user_id: '1000000000000000000000',
      note: '"order_id":12345678901234567892',
      status_time: 1795132806934,
      ext_info: { channel: 'app' },
      quantity: 12345678901234567893,
    });
    // A tape line holds the message one level down.
    const tape = '{"topic":"order_item_events","value":{"order_id":"O1","item_id":98765432109876543210,"sku_id":7}}';
    expect(parseWithExactIds(T_ITEM, tape)).toEqual({
      topic: 'order_item_events',
      value: { order_id: 'O1', item_id: '98765432109876543210', sku_id: '7' },
    });
  });

  it('parses a topic message: exact ids when needed, the same object otherwise, NOT_JSON for text that is not JSON', () => {
    expect(parseTopicMessage(T_STATUS, '{"order_id":12345678901234567890,"user_id":"U"}')).toEqual({
      order_id: '12345678901234567890',
      user_id: 'U',
    });
    expect(parseTopicMessage(T_STATUS, '{"order_id":123,"user_id":"U"}')).toEqual({ order_id: 123, user_id: 'U' });
    expect(parseTopicMessage(T_STATUS, '{"order_id":')).toBe(NOT_JSON);
  });

  it('keys a Kafka message by its order_id as the engine reads it, numbers too', () => {
    expect(messageKey('{"order_id":12345678901234567891}')).toBe('12345678901234567891');
    expect(messageKey('{"order_id":42}')).toBe('42');
    expect(messageKey('{"order_id":"O1"}')).toBe('O1');
    expect(messageKey('{"order_id":true}')).toBeNull();
  });
});
