import { describe, expect, it } from 'vitest';
import { anomaly, dataQuality, deadLetter, dispatch, lifecycle, notification, op, stock } from './sqlite/fixtures.js';
import {
  ABNORMAL_ORDER_HANDLING, DATA_QUALITY_METRICS, DEAD_LETTERS, deadLetterPosition, EXPORTED_TABLES, exportedColumns,
  INVENTORY_UPDATE_RESULTS, LOGISTICS_DISPATCH_COMMANDS, ORDER_LIFECYCLE, ORDER_STATUS_NOTIFICATIONS,
  PRODUCT_INVENTORY, TABLES, type TableSchema,
} from './schema.js';

const names = (t: TableSchema) => t.columns.map((c) => c.name);

describe('schema', () => {
  it('declares the engine rows column for column, in the same order', () => {
    expect(names(ORDER_LIFECYCLE)).toEqual(Object.keys(lifecycle('o')));
    expect(names(INVENTORY_UPDATE_RESULTS)).toEqual(Object.keys(op('o', 's', 1, 1)));
    expect(names(LOGISTICS_DISPATCH_COMMANDS)).toEqual(Object.keys(dispatch('o')));
    expect(names(ORDER_STATUS_NOTIFICATIONS)).toEqual(Object.keys(notification('o')));
    expect(names(ABNORMAL_ORDER_HANDLING)).toEqual(Object.keys(anomaly('o')));
    expect(names(PRODUCT_INVENTORY)).toEqual(Object.keys(stock('s', 1)));
    expect(new Set(names(DATA_QUALITY_METRICS))).toEqual(new Set(Object.keys(dataQuality(0))));
    expect(exportedColumns(DEAD_LETTERS).map((c) => c.name)).toEqual(Object.keys(deadLetter(1)));
  });

  it('exports eleven files and hides only the internal columns', () => {
    expect(EXPORTED_TABLES).toHaveLength(11);
    const hidden = TABLES.flatMap((t) => t.columns.filter((c) => !c.exported).map((c) => `${t.name}.${c.name}`));
    expect(hidden).toEqual([
      'data_quality_metrics.processing_time_sum',
      'data_quality_metrics.processing_time_count',
      'dead_letters.position',
    ]);
  });

  it('orders dead-letter positions as the input is read', () => {
    const file = (line: number) => deadLetterPosition({ source_topic: null, partition: null, offset: null, file: 'a.ndjson', line });
    const kafka = (partition: number, offset: string) =>
      deadLetterPosition({ source_topic: 'logistics_events', partition, offset, file: null, line: null });
    expect([file(10), file(9), file(100)].sort()).toEqual([file(9), file(10), file(100)]);
    expect([kafka(1, '10'), kafka(0, '99'), kafka(1, '9')].sort()).toEqual([kafka(0, '99'), kafka(1, '9'), kafka(1, '10')]);
    expect(kafka(0, '9223372036854775807')).toContain('9223372036854775807');
  });
});
