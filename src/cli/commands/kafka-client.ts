// The kafkajs client of the Kafka/MySQL commands: quiet (errors reach the user once, as one line)
// and quick to give up on unreachable brokers; and the topics' names under the configured prefix.
import { Kafka, logLevel } from 'kafkajs';
import type { StreamConfig } from '../../config/stream-config.js';
import { TOPICS, type TopicName } from '../../engine/types.js';
import { DEFAULT_OUTPUT_TOPICS, type OutputTopics } from '../../sinks/kafka/topics.js';

export function kafkaClient(cfg: StreamConfig, clientId: string): Kafka {
  return new Kafka({ clientId, brokers: cfg.brokers, logLevel: logLevel.NOTHING, connectionTimeout: 3_000, retry: { retries: 3 } });
}

export function sourceTopics(cfg: StreamConfig): Record<TopicName, string> {
  return Object.fromEntries(TOPICS.map((t) => [t, cfg.topicPrefix + t])) as Record<TopicName, string>;
}

export function outputTopics(cfg: StreamConfig): OutputTopics {
  return Object.fromEntries(Object.entries(DEFAULT_OUTPUT_TOPICS).map(([k, v]) => [k, cfg.topicPrefix + v])) as unknown as OutputTopics;
}
