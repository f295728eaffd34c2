/**
 * Baseline of bench/inbox-under-load.bench.ts, run as its own process (as the API is): a bare
 * `node:http` server answering `GET /me/inbox?box=…&<filters>` with the page statement the API's
 * inbox service runs (InboxService.boxStatements, the same builder, so the same SQL and parameters)
 * through a `pg` Pool of the API's pool size, rows as JSON. No Nest, no JWT, no validation, no
 * mapping of rows: the person is named by the `x-user` header and their Actor was resolved once by
 * the bench (env BASELINE_ACTORS, JSON username → Actor).
 *
 * Env: DATABASE_URL, BASELINE_PORT, BASELINE_ACTORS, BASELINE_POOL_MAX.
 */
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { TASK_BOXES, type TaskBox } from '@app/persistence';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import type { InboxQuery } from '../../apps/api/src/inbox/inbox.dto';
import { InboxService } from '../../apps/api/src/inbox/inbox.service';
import { TaskQueryService } from '../../apps/api/src/tasks/task-query.service';

const actors = JSON.parse(process.env.BASELINE_ACTORS ?? '{}') as Record<string, Actor>;
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BASELINE_POOL_MAX ?? 10), application_name: 'bench-baseline' });
// Only the statement builders are used: they never touch the DataSource.
const inbox = new InboxService(undefined as never, new TaskQueryService(undefined as never));
const FILTERS = ['planId', 'sectionId', 'unitId', 'statusWord', 'dueBefore', 'dueAfter', 'q', 'sort', 'cursor'] as const;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://baseline');
  const send = (status: number, body: unknown) => {
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  };
  if (url.pathname === '/health') return send(200, { ok: true });
  const actor = actors[String(req.headers['x-user'] ?? '')];
  const box = url.searchParams.get('box') as TaskBox;
  if (url.pathname !== '/me/inbox' || !actor || !TASK_BOXES.includes(box)) return send(400, { code: 'BAD_REQUEST' });
  const q: Record<string, unknown> = { limit: Number(url.searchParams.get('limit') ?? 50) };
  for (const k of FILTERS) if (url.searchParams.has(k)) q[k] = url.searchParams.get(k);
  const { sql, params } = inbox.boxStatements(actor, box, q as Omit<InboxQuery, 'box'>).page;
  pool.query(sql, params).then(
    (r) => send(200, { box, items: r.rows }),
    (err: Error) => send(500, { code: 'INTERNAL', message: err.message }),
  );
});

server.listen(Number(process.env.BASELINE_PORT), '127.0.0.1');
const stop = () => {
  server.close(() => void pool.end().then(() => process.exit(0)));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
