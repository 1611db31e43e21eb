// Where the Kafka sink writes each kind of output. Defaults are the SPEC's table names, so a
// topic carries the same rows as the NDJSON file of that name; a deployment may rename them.

export interface OutputTopics {
  lifecycle: string;
  dispatches: string;
  notifications: string;
  orderCommands: string;
  deadLetters: string;
}

export const DEFAULT_OUTPUT_TOPICS: Readonly<OutputTopics> = {
  lifecycle: 'order_lifecycle',
  dispatches: 'logistics_dispatch_commands',
  notifications: 'order_status_notifications',
  orderCommands: 'order_commands',
  deadLetters: 'ordertrack_dead_letters',
};
