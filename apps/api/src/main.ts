import 'reflect-metadata';
import { Env } from '@app/config';
import { createApiApp } from './bootstrap-app';
import { listenMetrics } from './metrics/metrics-server';

async function main(): Promise<void> {
  const app = await createApiApp();
  const env = app.get(Env);
  await app.listen(env.API_PORT, env.API_HOST);
  const metrics = await listenMetrics(app, env.METRICS_PORT, env.METRICS_HOST);
  app.getHttpServer().once('close', () => metrics.close());
}

main().catch((err: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: 'api failed to start', err: String((err as Error)?.stack ?? err) }));
  process.exit(1);
});
