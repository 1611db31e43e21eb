// Where a production run finds Kafka and MySQL: flags, then ORDERTRACK_* environment variables,
// then a JSON config file (`--config`), first found wins. Pure: the caller reads the file and the
// environment. Validation errors say what to pass; a password never appears in them.
import { UserError } from '../errors.js';

export interface StreamConfig {
  brokers: string[];
  /** mysql://user:password@host:port/database */
  mysql: string;
  group: string;
  /** Prefix of every topic name (source and output), e.g. `prod.`. */
  topicPrefix: string;
  metricsPort: number | undefined;
  /** false against brokers that cannot serve an idempotent producer (librdkafka's mock cluster). */
  idempotentProducer: boolean;
}

export interface StreamFlags {
  brokers?: string;
  mysql?: string;
  group?: string;
  topicPrefix?: string;
  metricsPort?: string;
  idempotentProducer?: boolean;
}

/** The file's keys: the flags' names in camelCase (`brokers` may be a list). */
export type ConfigFile = Record<string, unknown>;

const ENV: Record<keyof StreamFlags, string> = {
  brokers: 'ORDERTRACK_BROKERS',
  mysql: 'ORDERTRACK_MYSQL',
  group: 'ORDERTRACK_GROUP',
  topicPrefix: 'ORDERTRACK_TOPIC_PREFIX',
  metricsPort: 'ORDERTRACK_METRICS_PORT',
  idempotentProducer: 'ORDERTRACK_IDEMPOTENT_PRODUCER',
};

/** The run's Kafka/MySQL settings, or undefined when none of brokers and mysql is given anywhere. */
export function resolveStreamConfig(flags: StreamFlags, env: Record<string, string | undefined>, file: ConfigFile = {}): StreamConfig | undefined {
  const pick = (key: keyof StreamFlags): unknown => flags[key] ?? env[ENV[key]] ?? file[key];
  const brokersRaw = pick('brokers');
  const mysql = pick('mysql');
  if (brokersRaw === undefined && mysql === undefined) return undefined;
  if (brokersRaw === undefined) throw new UserError('--mysql needs --brokers too (or ORDERTRACK_BROKERS): the Kafka bootstrap servers, host:port[,host:port]');
  if (typeof mysql !== 'string' || mysql === '') throw new UserError('--brokers needs --mysql too (or ORDERTRACK_MYSQL): mysql://user:password@host:port/database');
  const brokers = (Array.isArray(brokersRaw) ? brokersRaw.map(String) : String(brokersRaw).split(',')).map((b) => b.trim()).filter((b) => b !== '');
  for (const b of brokers) {
    if (!/^[^\s:/]+:\d{1,5}$/.test(b)) throw new UserError(`broker '${b}' is not host:port: pass --brokers host:port[,host:port]`);
  }
  if (brokers.length === 0) throw new UserError('--brokers is empty: pass host:port[,host:port]');
  const port = pick('metricsPort');
  const metricsPort = port === undefined ? undefined : Number(port);
  if (metricsPort !== undefined && !(Number.isInteger(metricsPort) && metricsPort >= 0 && metricsPort < 65536)) {
    throw new UserError(`--metrics-port '${String(port)}' must be a port number (0 picks a free one)`);
  }
  const idem = pick('idempotentProducer');
  return {
    brokers,
    mysql,
    group: String(pick('group') ?? 'ordertrack'),
    topicPrefix: String(pick('topicPrefix') ?? ''),
    metricsPort,
    idempotentProducer: idem === undefined ? true : idem !== false && idem !== 'false' && idem !== '0',
  };
}
