// Shared shapes of the engine's inputs and outputs. Times are epoch milliseconds (numbers);
// sinks format them (ISO-8601 UTC in JSON, DATETIME(3) in SQL). Money is integer cents in
// state and a decimal number (cents / 100) only where a row is written.

/** The three source topics, in the tie order of the file merge (SPEC §13): items, status, logistics. */
export const TOPICS = ['order_status_events', 'order_item_events', 'logistics_events'] as const;
export type TopicName = (typeof TOPICS)[number];
export const T_STATUS = 0;
export const T_ITEM = 1;
export const T_LOGISTICS = 2;
export type TopicId = 0 | 1 | 2;

/**
 * One message as a source delivers it. `value` is the parsed JSON (sources parse once, because the
 * file merge needs the event time); `parseError` marks text that is not JSON. `raw` is the message
 * text where the source has it; a dead letter's payload falls back to JSON.stringify(value).
 */
export interface SourceRecord {
  topic: TopicId;
  partition: number;
  value: unknown;
  parseError: boolean;
  /**
   * The message's event time as the source already read it (file sources merge by it), with the
   * run's time zone; NaN when the source did not read it or it does not parse (the engine then
   * reads the field itself).
   */
  time: number;
  raw: string | undefined;
  /** Files: base name and 1-based line. Kafka: offset (file/line undefined). */
  file: string | undefined;
  line: number;
  offset: string | undefined;
  /** Bounded input: no later message of this topic exists in this partition (SPEC §4). */
  last: boolean;
  /**
   * Not a message at all (a tape line that is no `{"topic", "value"}` object of a known topic):
   * dead-lettered as PARSE_ERROR and counted nowhere else. null for every real message.
   */
  invalid: InvalidLine | null;
  /**
   * Read only to rebuild keyed state (a replay re-reading from a point: the records before it, and
   * in a live run the topics not chosen): see Engine.setQuiet.
   */
  quiet: boolean;
}

export interface InvalidLine {
  /** The dead letter's source_topic; when null, `topic` means nothing and `last` is false. */
  sourceTopic: TopicName | null;
}

export type DeadLetterReason = string; // PARSE_ERROR | NOT_OBJECT | MISSING_FIELD:f | BAD_ENUM:f | BAD_TIMESTAMP:f | BAD_VALUE:f

export interface DeadLetterRow {
  source_topic: TopicName | null;
  partition: number | null;
  offset: string | null;
  file: string | null;
  line: number | null;
  received_time: number;
  reason: DeadLetterReason;
  payload: string;
}

export type OpType = 'FREEZE' | 'DECREASE' | 'UNFREEZE' | 'INCREASE' | 'ADJUST';
export type OpStatus = 'SUCCESS' | 'FAILED';

export interface InventoryOpRow {
  op_id: string;
  order_id: string;
  sku_id: string;
  op_type: OpType;
  quantity: number;
  prev_available_stock: number | null;
  new_available_stock: number | null;
  prev_frozen_stock: number | null;
  new_frozen_stock: number | null;
  op_time: number;
  process_time: number;
  status: OpStatus;
  message: string | null;
}

export interface DispatchRow {
  command_id: string;
  order_id: string;
  user_id: string;
  sku_id: string;
  quantity: number;
  warehouse_id: string | null;
  target_province: string | null;
  target_city: string | null;
  target_district: string | null;
  target_address: string | null;
  required_delivery_time: number;
  priority: 'HIGH' | 'MEDIUM' | 'LOW';
  create_time: number;
  status: 'PENDING' | 'FAILED';
}

export interface NotificationRow {
  notification_id: string;
  order_id: string;
  user_id: string;
  status: string;
  prev_status: string | null;
  status_time: number;
  notification_type: 'SMS' | 'APP_PUSH';
  message_content: string;
  priority: number;
  create_time: number;
  notification_status: 'PENDING';
}

export interface LifecycleRow {
  order_id: string;
  user_id: string;
  create_time: number;
  pending_payment_time: number | null;
  paid_time: number | null;
  processing_time: number | null;
  shipped_time: number | null;
  delivered_time: number | null;
  cancelled_time: number | null;
  refunded_time: number | null;
  expired_time: number | null;
  cancel_reason: string | null;
  current_status: string;
  status_updated_time: number;
  pending_payment_duration: number | null;
  processing_duration: number | null;
  shipping_duration: number | null;
  delivery_duration: number | null;
  overall_duration: number | null;
  last_updated: number;
}

export interface SlaRow {
  order_id: string;
  dispatched_time: number | null;
  transit_time: number | null;
  delivery_time: number | null;
  received_time: number;
  warehouse_id: string | null;
  warehouse_city: string | null;
  target_city: string | null;
  warehouse_processing_minutes: number | null;
  first_mile_minutes: number | null;
  line_haul_minutes: number | null;
  last_mile_minutes: number | null;
  total_delivery_minutes: number;
  delivery_status: 'ON_TIME' | 'AT_RISK' | 'OVERDUE';
  promise_met: boolean | null;
  monitoring_time: number;
}

export type AbnormalType =
  | 'PAYMENT_TIMEOUT'
  | 'PROCESSING_TIMEOUT'
  | 'DELIVERY_TIMEOUT'
  | 'STOCK_OUT'
  | 'MISSING_ITEMS'
  | 'DISPATCH_UNROUTABLE';

export interface AnomalyRow {
  order_id: string;
  user_id: string;
  abnormal_type: AbnormalType;
  overtime_minutes: number;
  user_abnormal_count: number;
  detection_time: number;
  handler: string;
  handling_action: string;
  handling_time: number;
  status: 'PENDING' | 'PROCESSED' | 'RESOLVED';
  notes: string;
  resolved_by: string | null;
  resolved_at: number | null;
}

export interface MetricRow {
  metric_time: number;
  order_count: number;
  paid_count: number;
  shipped_count: number;
  delivered_count: number;
  cancelled_count: number;
  avg_payment_time: number | null;
  avg_processing_time: number | null;
  avg_delivery_time: number | null;
  abnormal_count: number;
  abnormal_order_rate: number | null;
}

export interface DataQualityRow {
  metric_time: number;
  source_table: TopicName;
  total_records: number;
  null_order_id_count: number;
  late_records_count: number;
  schema_violation_count: number;
  duplicate_count: number;
  /** Hidden from outputs: lets a store add two partial rows of one minute exactly. */
  processing_time_sum: number;
  processing_time_count: number;
  avg_processing_time: number | null;
  error_rate: number;
}

export interface OrderCommandRow {
  command: 'CANCEL';
  order_id: string;
  reason: string;
  operator: string;
  issued_at: number;
}
