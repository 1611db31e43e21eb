// A commit's event outputs as Kafka records. Wire format, per topic (default names):
//
//   order_lifecycle              key order_id         value: the order_lifecycle row (latest state;
//                                                      compaction keeps the last per key)
//   logistics_dispatch_commands  key command_id       value: the logistics_dispatch_commands row
//   order_status_notifications   key notification_id  value: the order_status_notifications row
//   order_commands               key <order_id>:<command>:<issued_at ISO>  value: the order_commands row
//   ordertrack_dead_letters      key the dead letter's position (`K|topic|partition|offset` or
//                                `F|file|line`, zero-padded, as the store keys it)
//                                value: the dead_letters row (source_topic, partition, offset, file,
//                                line, received_time, reason, payload)
//                                headers: source_topic, source_partition, source_offset, reason
//                                (UTF-8 text; a header whose value is null is left out, e.g. the
//                                partition and offset of a dead letter from a file)
//
// Values are UTF-8 JSON objects in the NDJSON line format (row-json.ts). Keys are UTF-8 text,
// the row's key, so the partitioner sends every version of a row to one partition, in order.
// Records carry no explicit timestamp: the producer stamps send time (a row's own time may be
// days old in a replay, and would age out of a time-retained topic at once).
import type { IHeaders, Message, TopicMessages } from 'kafkajs';
import { formatTime } from '../../engine/time/timestamp.js';
import type { DeadLetterRow, OrderCommandRow } from '../../engine/types.js';
import {
  DEAD_LETTERS,
  deadLetterPosition,
  LOGISTICS_DISPATCH_COMMANDS,
  ORDER_COMMANDS,
  ORDER_LIFECYCLE,
  ORDER_STATUS_NOTIFICATIONS,
} from '../schema.js';
import type { CommitBatch } from '../store.js';
import { rowJson } from './row-json.js';
import type { OutputTopics } from './topics.js';

const lifecycleJson = rowJson(ORDER_LIFECYCLE);
const dispatchJson = rowJson(LOGISTICS_DISPATCH_COMMANDS);
const notificationJson = rowJson(ORDER_STATUS_NOTIFICATIONS);
const commandJson = rowJson(ORDER_COMMANDS);
const deadLetterJson = rowJson(DEAD_LETTERS);

/** The deterministic id of an operator command: one per (order, command, instant), like the store's key. */
export function orderCommandKey(row: OrderCommandRow): string {
  return `${row.order_id}:${row.command}:${formatTime(row.issued_at)}`;
}

function deadLetterHeaders(row: DeadLetterRow): IHeaders {
  const headers: IHeaders = { reason: row.reason };
  if (row.source_topic !== null) headers['source_topic'] = row.source_topic;
  if (row.partition !== null) headers['source_partition'] = String(row.partition);
  if (row.offset !== null) headers['source_offset'] = row.offset;
  return headers;
}

/** The records of a batch, grouped by topic (topics with none are left out). */
export function batchMessages(batch: CommitBatch, topics: OutputTopics): TopicMessages[] {
  const groups: TopicMessages[] = [
    { topic: topics.lifecycle, messages: batch.lifecycle.map((r): Message => ({ key: r.order_id, value: lifecycleJson(r) })) },
    { topic: topics.dispatches, messages: batch.dispatches.map((r): Message => ({ key: r.command_id, value: dispatchJson(r) })) },
    {
      topic: topics.notifications,
      messages: batch.notifications.map((r): Message => ({ key: r.notification_id, value: notificationJson(r) })),
    },
    { topic: topics.orderCommands, messages: batch.orderCommands.map((r): Message => ({ key: orderCommandKey(r), value: commandJson(r) })) },
    {
      topic: topics.deadLetters,
      messages: batch.deadLetters.map((r): Message => ({
        key: deadLetterPosition(r),
        value: deadLetterJson(r),
        headers: deadLetterHeaders(r),
      })),
    },
  ];
  return groups.filter((g) => g.messages.length > 0);
}
