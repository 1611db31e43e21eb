// Real MariaDB for the tests (no mocks): the server at 127.0.0.1:3306 (root, no password),
// started if it is not answering, and a fresh database per use, dropped afterwards.
import { spawnSync } from 'node:child_process';
import mysql, { type Connection } from 'mysql2/promise';
import { afterAll } from 'vitest';

export const HOST = '127.0.0.1';
export const PORT = 3306;
const ADMIN = { host: HOST, port: PORT, user: 'root', password: '' };
const START = ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/mariadbd'];
const WAIT_MS = 30_000;

let admin: Connection | undefined;
let made = 0;
const live = new Set<string>();

// Whatever a test file left behind is dropped, and the admin connection closed, when it is done.
afterAll(async () => {
  for (const name of [...live]) await dropDatabase(name);
  await admin?.end();
  admin = undefined;
});

function refused(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'ECONNREFUSED' || code === 'ENOENT';
}

/** Connects as root; if the server refuses, starts MariaDB and waits for it (up to 30 s). */
export async function adminConnection(): Promise<Connection> {
  if (admin !== undefined) return admin;
  let started = false;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      admin = await mysql.createConnection({ ...ADMIN, multipleStatements: false });
      return admin;
    } catch (err) {
      if (!refused(err)) throw err;
      if (!started) {
        const r = spawnSync('start-stop-daemon', START, { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`could not start MariaDB: ${r.stderr || r.error?.message}`);
        started = true;
      }
      if (Date.now() > deadline) throw new Error('MariaDB did not answer within 30 s of being started');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export interface TestDatabase {
  name: string;
  /** `mysql://root@127.0.0.1:3306/<name>` */
  url: string;
  /** Runs SQL in this database as root, behind the store's back. */
  sql(text: string, params?: unknown[]): Promise<unknown[][]>;
  drop(): Promise<void>;
}

/** A new, empty database `ordertrack_test_<pid>_<n>`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const conn = await adminConnection();
  const name = `ordertrack_test_${process.pid}_${++made}`;
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.query(`CREATE DATABASE \`${name}\``);
  live.add(name);
  return {
    name,
    url: `mysql://root@${HOST}:${PORT}/${name}`,
    async sql(text, params = []) {
      await conn.query(`USE \`${name}\``);
      const [res] = await conn.query({ sql: text, rowsAsArray: true }, params);
      return Array.isArray(res) ? (res as unknown[][]) : [];
    },
    drop: () => dropDatabase(name),
  };
}

async function dropDatabase(name: string): Promise<void> {
  if (!live.delete(name)) return;
  const conn = await adminConnection();
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
}
