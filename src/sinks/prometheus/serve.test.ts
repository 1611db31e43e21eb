import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../errors.js';
import { scrape } from './fixtures.js';
import { EngineMetrics } from './metrics.js';
import { serveMetrics, type MetricsServer } from './serve.js';

const servers: MetricsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(port = 0): Promise<MetricsServer> {
  const s = await serveMetrics(new EngineMetrics(), port);
  servers.push(s);
  return s;
}

describe('serveMetrics', () => {
  it('picks a free port for 0 and answers /metrics with the registry content type', async () => {
    const s = await start();
    expect(s.port).toBeGreaterThan(0);
    const res = await scrape(s.port, '/metrics?x=1');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain('# TYPE ordertrack_records_total counter');
  });

  it('answers /healthz with ok and anything else with 404', async () => {
    const s = await start();
    expect(await scrape(s.port, '/healthz')).toMatchObject({ status: 200, text: 'ok' });
    expect((await scrape(s.port, '/')).status).toBe(404);
    expect((await scrape(s.port, '/metrics/extra')).status).toBe(404);
    const post = await fetch(`http://127.0.0.1:${s.port}/metrics`, { method: 'POST' });
    expect(post.status).toBe(404);
    await post.text();
  });

  it('rejects a port in use with a one-line UserError naming it', async () => {
    const s = await start();
    const err = await serveMetrics(new EngineMetrics(), s.port).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const message = (err as UserError).message;
    expect(message).toContain(String(s.port));
    expect(message).toContain('--metrics-port');
    expect(message).not.toContain('\n');
  });

  it('closes promptly with a keep-alive connection open', async () => {
    const s = await serveMetrics(new EngineMetrics(), 0);
    await scrape(s.port);
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
