// The `--metrics-port` endpoint: GET /metrics answers with the registry's text exposition,
// GET /healthz with `ok`, everything else 404. Plain node:http, so no framework sits in the way.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserError } from '../../errors.js';
import type { EngineMetrics } from './metrics.js';

export interface MetricsServer {
  /** The port bound (the free one picked when 0 was asked for). */
  port: number;
  close(): Promise<void>;
}

export async function serveMetrics(metrics: EngineMetrics, port: number, host = '127.0.0.1'): Promise<MetricsServer> {
  const server = createServer((req, res) => void answer(metrics, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, port, host)));
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Scrapers keep connections alive; without this close() would wait for them to time out.
        server.closeIdleConnections();
      }),
  };
}

async function answer(metrics: EngineMetrics, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' && path === '/metrics') {
    try {
      const text = await metrics.registry.metrics();
      res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text);
    } catch (err) {
      // A failing collect() must not take the process down; the scraper sees the failure.
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${(err as Error).message}\n`);
    }
  } else if (req.method === 'GET' && path === '/healthz') {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('ok');
  } else {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
  }
}

/** Listening problems the user fixes with another flag value are UserErrors (STYLE §4). */
function listenError(err: NodeJS.ErrnoException, port: number, host: string): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new UserError(`metrics port ${port} on ${host} is already in use; pass another --metrics-port`, { cause: err });
    case 'EACCES':
      return new UserError(`not allowed to listen on metrics port ${port} on ${host}; pass another --metrics-port`, { cause: err });
    case 'EADDRNOTAVAIL':
      return new UserError(`cannot listen on ${host}:${port}: no such local address`, { cause: err });
    default:
      return err;
  }
}
