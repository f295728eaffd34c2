import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INestApplication, Logger } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/**
 * `GET /metrics` (Prometheus text) on a listener of its own, `METRICS_HOST:METRICS_PORT`
 * (127.0.0.1:9464 by default), never on API_PORT: the metrics name every organization and count
 * its inboxes, which is nobody's business on the public port. Anything else there answers 404.
 * Port 0: a free port chosen at start (logged; several API processes on one host).
 */
export async function listenMetrics(app: INestApplication, port: number, host: string): Promise<Server> {
  const metrics = app.get(MetricsService);
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify({ code: 'ROUTE_NOT_FOUND', message: 'Đường dẫn không tồn tại.' }));
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' }).end(text),
      (err: unknown) => {
        new Logger('Metrics').error({ err: String(err) }, 'metrics scrape failed');
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  new Logger('Metrics').log(`metrics on http://${host}:${bound}/metrics`);
  return server;
}
