import { Agent, request } from 'node:http';

/** One request of a load mix: a GET on the server under test, with its headers and a label to group by. */
export interface LoadRequest {
  label: string;
  path: string;
  headers: Record<string, string>;
}

export interface LoadSample {
  label: string;
  /** Milliseconds from the first request to this one's response, and its latency. */
  doneAtMs: number;
  latencyMs: number;
}

export interface LoadRun {
  durationMs: number;
  samples: LoadSample[];
  /** Non-2xx answers and transport errors, by label (the first message of each kind kept). */
  errors: number;
  errorExamples: string[];
}

/** GET with a keep-alive agent; resolves with the status and the body read to its end. */
function get(agent: Agent, base: URL, r: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: base.hostname, port: base.port, path: r.path, method: 'GET', headers: r.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A closed-loop load generator (autocannon's model, hand-written because autocannon is not a
 * dependency): `concurrency` clients, each on its own keep-alive connection, send their next
 * request as soon as the previous answered, for `durationMs`; every latency is recorded. Client
 * `i` walks `mixFor(i)` round robin. Only 127.0.0.1 is ever targeted (the servers the bench
 * started); the loop is bounded by the duration and stops by itself.
 */
export async function closedLoop(opts: {
  url: string;
  concurrency: number;
  durationMs: number;
  mixFor: (client: number) => LoadRequest[];
  /** Checks a 2xx body (e.g. that it parses and has items); a thrown error counts as an error. */
  check?: (r: LoadRequest, body: string) => void;
}): Promise<LoadRun> {
  const base = new URL(opts.url);
  if (base.hostname !== '127.0.0.1' && base.hostname !== 'localhost') throw new Error(`load is only sent to this machine, not ${base.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency, maxFreeSockets: opts.concurrency });
  const samples: LoadSample[] = [];
  const errorExamples: string[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async (_, client) => {
      const mix = opts.mixFor(client);
      for (let k = 0; performance.now() < deadline; k++) {
        const r = mix[k % mix.length];
        const t = performance.now();
        try {
          const { status, body } = await get(agent, base, r);
          const done = performance.now();
          if (status < 200 || status > 299) throw new Error(`${status} ${body.slice(0, 200)}`);
          opts.check?.(r, body);
          if (done <= deadline) samples.push({ label: r.label, doneAtMs: done - started, latencyMs: done - t });
        } catch (err) {
          errors++;
          if (errorExamples.length < 5) errorExamples.push(`${r.label} ${r.path}: ${String(err)}`);
        }
      }
    }),
  );
  agent.destroy();
  return { durationMs: opts.durationMs, samples, errors, errorExamples };
}

/** Responses per second in each whole second of the run (a rate distribution), for the samples matching `label`. */
export function perSecondRates(run: LoadRun, label?: string): number[] {
  const seconds = Math.floor(run.durationMs / 1000);
  const counts = new Array<number>(Math.max(1, seconds)).fill(0);
  for (const s of run.samples) {
    if (label !== undefined && s.label !== label) continue;
    const i = Math.floor(s.doneAtMs / 1000);
    if (i < counts.length) counts[i]++;
  }
  return counts;
}
