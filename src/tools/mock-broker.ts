// A real Kafka-protocol broker for tests and the benchmark: librdkafka's mock cluster, run by the launcher in
// tools/mock-broker/ (compiled on first use by its build.sh into node_modules/.cache). Each
// startBroker() is its own cluster on fresh ports with the topics given, so test files never
// share state. What the mock does not do (CreateTopics, idempotent producers, ListOffsets by
// timestamp; it also auto-creates any topic asked about) is pinned down in test/kafka-broker.test.ts.
//
// Launcher protocol: argv `[-b n] [-p port] name:partitions ...`; stdout one line, the
// bootstrap list `host:port[,host:port...]`; it exits when its stdin closes or on SIGTERM. On
// stdin it takes `errors <api key> <error code> <count>` (answered `ok`): failNext().
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';

const BUILD = fileURLToPath(new URL('../../tools/mock-broker/build.sh', import.meta.url) /* from src/tools or dist/tools */);
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface MockBroker {
  /** Bootstrap addresses, `127.0.0.1:port`, one per broker of the cluster. */
  brokers: string[];
  /** Makes the next `count` requests of a Kafka API (by key) fail with `errorCode`, whoever sends them. */
  failNext(apiKey: number, errorCode: number, count?: number): Promise<void>;
  /** Ends the cluster (all its data goes with it); safe to call twice. */
  stop(): Promise<void>;
}

export interface BrokerOptions {
  /** Brokers in the cluster (default 1). */
  brokerCount?: number;
  /** First listening port (broker i gets port + i); default: ephemeral ports. */
  port?: number;
}

let built: Promise<string> | undefined;

/** The launcher binary, compiled if missing or older than its source (once per process). */
export function launcherPath(): Promise<string> {
  built ??= new Promise<string>((resolve, reject) => {
    execFile('sh', [BUILD], (err, stdout, stderr) => {
      if (!err) return resolve(stdout.trim());
      // build.sh exits 3 with one line naming what to install; anything else is a compile error.
      const why = stderr.trim() || err.message;
      reject(new Error(err.code === 3 ? why : `mock broker build failed: ${why}\n(run .ci/run or apt-get install librdkafka-dev)`));
    });
  });
  return built;
}

/** Starts a mock cluster with `topics` (name → partition count) created; resolves once it listens. */
export async function startBroker(topics: Record<string, number>, options: BrokerOptions = {}): Promise<MockBroker> {
  const bin = await launcherPath();
  const args = ['-b', String(options.brokerCount ?? 1), '-p', String(options.port ?? 0)];
  for (const [name, partitions] of Object.entries(topics)) args.push(`${name}:${partitions}`);
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const bootstrap = await firstLine(child);
  const brokers = bootstrap.split(',');
  // Every later stdout line answers one command, in order.
  const answers: ((line: string) => void)[] = [];
  let rest = '';
  child.stdout!.on('data', (b: Buffer) => {
    rest += b.toString();
    for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n')) {
      answers.shift()?.(rest.slice(0, nl).trim());
      rest = rest.slice(nl + 1);
    }
  });
  const failNext = (apiKey: number, errorCode: number, count = 1): Promise<void> =>
    new Promise((resolve, reject) => {
      answers.push((line) => (line === 'ok' ? resolve() : reject(new Error(`mock broker: ${line}`))));
      child.stdin!.write(`errors ${apiKey} ${errorCode} ${count}\n`);
    });
  let stopped: Promise<void> | undefined;
  return { brokers, failNext, stop: () => (stopped ??= stop(child)) };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error(`mock broker did not start in ${START_TIMEOUT_MS} ms: ${err.trim()}`)), START_TIMEOUT_MS);
    const fail = (e: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    child.stderr!.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4096))); // kept draining, last 4 KiB kept
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout!.removeAllListeners('data');
      resolve(out.slice(0, nl).trim());
    });
    child.on('error', (e) => fail(e));
    child.on('exit', (code) => {
      // 127: the loader did not find librdkafka (the binary outlived the package).
      const hint = code === 127 ? ' (run .ci/run or apt-get install librdkafka-dev)' : '';
      fail(new Error(`mock broker exited (${code}) before listening: ${err.trim()}${hint}`));
    });
  });
}

/** Closes the launcher's stdin (its stop signal); SIGKILL if it has not exited in time. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin!.end();
  });
}

/**
 * Consumer settings that keep group tests quick on the mock: it waits (session timeout − 1 s)
 * for members to (re)join before it assigns, and a consumer parked in a long fetch (kafkajs waits
 * up to 5 s by default) heartbeats late and makes rebalances drag on.
 */
export const QUICK_GROUP = { sessionTimeout: 3_000, rebalanceTimeout: 3_000, heartbeatInterval: 250, maxWaitTimeInMs: 100 } as const;

/**
 * A kafkajs client for a mock cluster: quiet (the rebalances tests cause are logged as errors)
 * and quick to give up, so a broken broker fails a test instead of hanging it.
 */
export function testKafka(broker: MockBroker, clientId = 'ordertrack-test'): Kafka {
  return new Kafka({
    clientId,
    brokers: broker.brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    retry: { retries: 5, initialRetryTime: 100 },
  });
}
