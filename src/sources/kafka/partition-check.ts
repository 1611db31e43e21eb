// The source's precondition: the three topics exist and have one partition count, since
// partition p of each holds the same orders (producers key every event by order_id).
import type { Admin } from 'kafkajs';
import { UserError } from '../../errors.js';

/** The common partition count of `topics`; UserError (one line) when one is missing or they differ. */
export async function commonPartitionCount(admin: Admin, topics: readonly string[]): Promise<number> {
  // Existence from the topic list first: asking for a missing topic's metadata may create it
  // (auto.create.topics.enable; librdkafka's mock always does).
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length > 0) throw new UserError(`Kafka topic not found: ${missing.join(', ')} (create the three source topics with one partition count)`);
  const meta = await admin.fetchTopicMetadata({ topics: [...topics] });
  const counts = topics.map((t) => meta.topics.find((m) => m.name === t)?.partitions.length ?? 0);
  if (counts.some((c) => c !== counts[0])) {
    const list = topics.map((t, i) => `${t} ${counts[i]}`).join(', ');
    throw new UserError(`Kafka source topics must have the same partition count (orders are partitioned by order_id across them): ${list}`);
  }
  return counts[0]!;
}
