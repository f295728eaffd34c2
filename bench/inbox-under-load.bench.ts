/**
 * Benchmark 3, inbox under load: 100,000 tasks across 50 units (test/support/inbox-load-data.ts,
 * the generator of test/api/inbox-explain.int-spec.ts, committed here, with every state spread over
 * every unit so each person's boxes hold tasks), then `--clients` (50)
 * concurrent closed-loop clients for `--duration` seconds (30) on `GET /me/inbox` of the real API
 * process (JWT guard, actor loaded from Postgres per request, ValidationPipe, InboxService, rows
 * mapped to summaries): half of the clients on the leadership's boxes (the director and both
 * deputies: approve, escalated, overdue), half on the units' (the 8 demo units' heads and
 * officers: draft, review), each walking its person's boxes with filters (diacritics-insensitive
 * search with and without marks, dueBefore/dueAfter, unitId, statusWord, sort=lastActivity).
 * Requests per second and latency (p50/p99/max), per box and overall.
 *
 * Baseline, same run, same Postgres, same clients, mix and duration: a bare `node:http` server in
 * its own process (bench/baseline/inbox-sql-server.ts) running the very statement the inbox
 * service builds (InboxService.boxStatements) through a `pg` Pool of the API's size, with each
 * person's Actor resolved once up front; rows as JSON, no auth, no Nest.
 *
 * Before the load, every (person, request) of the mix is asked of both servers once: both must
 * answer 200 with the same task ids in the same order; then once more of the baseline alone, timed
 * (which statements cost, unloaded). Each server gets `--warmup` seconds of the same load first
 * (not measured); the measured `--duration` is split into `--rounds` (3) alternating rounds,
 * baseline then ours, so load from elsewhere on a shared box does not fall on one side only.
 * Short run: `--tasks=10000 --duration=6 --warmup=1`.
 */
import { CalendarDate } from '@app/domain';
import { dataSourceOptions, loadActor } from '@app/persistence';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { DEMO_PASSWORD, giveDemoPasswords } from '../test/support/auth';
import { generateInboxTasks, INBOX_LOAD_UNITS } from '../test/support/inbox-load-data';
import { openDataSource, seedTestOrganization, uniqueSuffix } from '../test/support/stack';
import { loginToken, startApiProcess } from './lib/api-process';
import { startInboxSqlServer } from './lib/baseline-server';
import { closedLoop, LoadRequest, LoadRun, perSecondRates } from './lib/load-client';
import { benchOptions, log } from './lib/options';
import { compare, Comparison, runBench, writeResult } from './lib/results';
import { ratio, summarize } from './lib/stats';

const opts = benchOptions({ tasks: 100_000, clients: 50, duration: 30, warmup: 5, rounds: 3 });

const LEADERS = ['giamdoc', 'pgd.a', 'pgd.b'];
const UNIT_CODES = ['VP', 'CCHC', 'TCBC', 'CCVC', 'TTRA', 'BTG', 'BTDKT', 'TTLT'];
const UNIT_PEOPLE = UNIT_CODES.flatMap((c) => [`${c.toLowerCase()}.truongphong`, `${c.toLowerCase()}.chuyenvien`]);
const BOXES = ['approve', 'escalated', 'overdue', 'draft', 'review'] as const;
type Box = (typeof BOXES)[number];

interface MixEntry {
  box: Box;
  query: string;
}

const qs = (o: Record<string, string | undefined>) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&');

/** A leader's requests: approve, escalated and overdue, with filters; `unitId` is a unit in their scope. */
function leaderMix(today: string, unitId: string): MixEntry[] {
  const e = (box: Box, f: Record<string, string | undefined> = {}): MixEntry => ({ box, query: qs({ box, ...f }) });
  return [
    e('approve'),
    e('approve', { sort: 'lastActivity' }),
    e('approve', { q: 'cải cách' }),
    e('approve', { unitId, dueBefore: CalendarDate.addDays(today, 90) }),
    e('escalated'),
    e('escalated', { q: 'bao cao', sort: 'lastActivity' }),
    e('overdue'),
    e('overdue', { unitId, dueAfter: CalendarDate.addDays(today, -30) }),
    e('overdue', { q: 'Rà soát', sort: 'lastActivity' }),
  ];
}

/** A unit head's or officer's requests: draft and review, with filters. */
function unitMix(today: string): MixEntry[] {
  const e = (box: Box, f: Record<string, string | undefined> = {}): MixEntry => ({ box, query: qs({ box, ...f }) });
  return [
    e('draft'),
    e('draft', { q: 'cai cach' }),
    e('draft', { dueBefore: CalendarDate.addDays(today, 60), sort: 'lastActivity' }),
    e('draft', { statusWord: 'OPEN_OVERDUE' }),
    e('review'),
    e('review', { q: 'Đào tạo' }),
    e('review', { dueAfter: today, sort: 'lastActivity' }),
  ];
}

async function main(): Promise<void> {
  const ds = await openDataSource();
  const org = await seedTestOrganization(ds);
  await giveDemoPasswords(ds, org.organizationId);
  const today = CalendarDate.fromInstant(Date.now());
  const prefix = org.code.toLowerCase();
  const poolMax = (dataSourceOptions('postgres://unused').extra as { max: number }).max;

  // --- Data: 100,000 tasks over 50 units, committed (the API process reads them) -------------------
  const t = performance.now();
  await generateInboxTasks(ds, org, { today, tasks: opts.tasks, workflowPrefix: `bench-inbox-${uniqueSuffix()}-`, spreadUnits: true });
  const generateS = (performance.now() - t) / 1000;
  const [counts] = await ds.query(
    `SELECT (SELECT count(*)::int FROM tasks WHERE organization_id = $1) AS tasks,
            (SELECT count(*)::int FROM units WHERE organization_id = $1) AS units,
            (SELECT count(*)::int FROM notifications WHERE organization_id = $1) AS notifications`,
    [org.organizationId],
  );
  if (counts.tasks !== opts.tasks || counts.units !== INBOX_LOAD_UNITS) throw new Error(`generated ${JSON.stringify(counts)}`);
  log(`generated ${counts.tasks} tasks over ${counts.units} units in ${generateS.toFixed(1)} s`);

  // --- People: actors resolved once (for the baseline), the mix of each ---------------------------
  const usernames = [...LEADERS, ...UNIT_PEOPLE].map((u) => `${prefix}.${u}`);
  const actors: Record<string, Actor> = {};
  for (const u of usernames) actors[u] = await loadActor(ds, { username: u });
  const unitIds: Record<string, string> = Object.fromEntries(
    ((await ds.query(`SELECT code, id FROM units WHERE organization_id = $1`, [org.organizationId])) as Array<{ code: string; id: string }>).map((r) => [r.code, r.id]),
  );
  const mixOf: Record<string, MixEntry[]> = {};
  for (const u of LEADERS) {
    const a = actors[`${prefix}.${u}`];
    mixOf[`${prefix}.${u}`] = leaderMix(today, a.portfolioUnitIds?.length ? a.portfolioUnitIds[a.portfolioUnitIds.length - 1] : unitIds.P05);
  }
  for (const u of UNIT_PEOPLE) mixOf[`${prefix}.${u}`] = unitMix(today);
  // Client i: even → a leader, odd → a unit's person; its person's requests, rotated so the clients do not move in step.
  const personOf = (i: number) => (i % 2 === 0 ? `${prefix}.${LEADERS[(i >> 1) % LEADERS.length]}` : `${prefix}.${UNIT_PEOPLE[(i >> 1) % UNIT_PEOPLE.length]}`);

  const api = await startApiProcess({ taskQueue: `bench-inbox-${uniqueSuffix()}` });
  const baseline = await startInboxSqlServer({ actors, poolMax });
  try {
    const tokens: Record<string, string> = {};
    for (const u of usernames) tokens[u] = await loginToken(api.url, u, DEMO_PASSWORD);
    const oursRequest = (user: string, m: MixEntry): LoadRequest => ({ label: m.box, path: `/me/inbox?${m.query}`, headers: { authorization: `Bearer ${tokens[user]}` } });
    const baseRequest = (user: string, m: MixEntry): LoadRequest => ({ label: m.box, path: `/me/inbox?${m.query}`, headers: { 'x-user': user } });

    // --- Same answers: every (person, request) of the mix, once on each server --------------------
    const itemsPerBox: Record<string, number[]> = {};
    for (const user of usernames) {
      for (const m of mixOf[user]) {
        const [ours, base] = await Promise.all(
          [
            { url: api.url, r: oursRequest(user, m) },
            { url: baseline.url, r: baseRequest(user, m) },
          ].map(async ({ url, r }) => {
            const res = await fetch(`${url}${r.path}`, { headers: r.headers });
            if (res.status !== 200) throw new Error(`${url}${r.path} as ${user} answered ${res.status}: ${await res.text()}`);
            return ((await res.json()) as { items: Array<{ id: string }> }).items.map((x) => x.id);
          }),
        );
        const baseIds = base.slice(0, 50);
        if (ours.join() !== baseIds.join()) throw new Error(`${user} ${m.query}: the API answered ${ours.length} tasks, the baseline ${baseIds.length}, not the same`);
        (itemsPerBox[m.box] ??= []).push(ours.length);
      }
    }
    log(`same answers on both servers for ${usernames.length} people; tasks per page by box: ${JSON.stringify(Object.fromEntries(Object.entries(itemsPerBox).map(([b, n]) => [b, summarize(n).mean.toFixed(1)])))}`);

    // --- Unloaded: each (person, request) alone on the baseline, to see which statements cost -----
    const unloaded: Array<{ user: string; query: string; ms: number }> = [];
    for (const user of usernames) {
      for (const m of mixOf[user]) {
        const r = baseRequest(user, m);
        const t0 = performance.now();
        await (await fetch(`${baseline.url}${r.path}`, { headers: r.headers })).arrayBuffer();
        unloaded.push({ user: user.slice(prefix.length + 1), query: m.query, ms: round(performance.now() - t0) });
      }
    }
    unloaded.sort((a, b) => b.ms - a.ms);
    log(`unloaded baseline: median ${summarize(unloaded.map((u) => u.ms)).p50} ms; slowest ${JSON.stringify(unloaded.slice(0, 3))}`);

    // --- Load: warm-up of each, then alternating rounds (baseline, ours) of duration/rounds --------
    // Alternating keeps what else runs on a shared box from landing on one side only.
    const check = (_: LoadRequest, body: string) => {
      if (!body.startsWith('{"box":')) throw new Error(`unexpected body ${body.slice(0, 100)}`);
    };
    const loader = (url: string, build: (user: string, m: MixEntry) => LoadRequest) => {
      const mixFor = (i: number) => {
        const user = personOf(i);
        const mix = mixOf[user].map((m) => build(user, m));
        const k = i % mix.length;
        return [...mix.slice(k), ...mix.slice(0, k)];
      };
      return (seconds: number) => closedLoop({ url, concurrency: opts.clients, durationMs: seconds * 1000, mixFor, check });
    };
    const servers = { baseline: loader(baseline.url, baseRequest), ours: loader(api.url, oursRequest) };
    if (opts.warmup > 0) for (const run of Object.values(servers)) await run(opts.warmup);
    const runs: Record<keyof typeof servers, LoadRun[]> = { baseline: [], ours: [] };
    for (let round = 0; round < opts.rounds; round++) {
      for (const name of ['baseline', 'ours'] as const) runs[name].push(await servers[name](opts.duration / opts.rounds));
    }
    const merged = (name: keyof typeof servers): LoadRun => {
      const parts = runs[name];
      const run: LoadRun = {
        durationMs: parts.reduce((n, r) => n + r.durationMs, 0),
        samples: parts.flatMap((r, i) => r.samples.map((s) => ({ ...s, doneAtMs: s.doneAtMs + i * r.durationMs }))),
        errors: parts.reduce((n, r) => n + r.errors, 0),
        errorExamples: parts.flatMap((r) => r.errorExamples).slice(0, 5),
      };
      log(`${name}: ${run.samples.length} responses in ${opts.duration} s (${(run.samples.length / opts.duration).toFixed(0)}/s), ${run.errors} errors`);
      if (run.errors > run.samples.length / 100) throw new Error(`${name}: ${run.errors} errors, e.g. ${run.errorExamples.join('; ')}`);
      return run;
    };
    const base = merged('baseline');
    const ours = merged('ours');

    // --- Figures ----------------------------------------------------------------------------------
    const baselineIs = `bare node:http + pg Pool (max ${poolMax}) in its own process, the same statement (InboxService.boxStatements), actor resolved once, rows as JSON`;
    const latencies = (run: LoadRun, box?: Box) => run.samples.filter((s) => box === undefined || s.label === box).map((s) => s.latencyMs);
    const comparisons: Comparison[] = [
      compare('all boxes, responses per second (per 1-s window)', 'req/s', 'higher', perSecondRates(ours), perSecondRates(base), baselineIs),
      compare('all boxes, latency', 'ms', 'lower', latencies(ours), latencies(base), baselineIs),
    ];
    const perBox: Record<string, unknown> = {};
    for (const box of ['all', ...BOXES] as const) {
      const b = box === 'all' ? undefined : box;
      const [o, s] = [latencies(ours, b), latencies(base, b)];
      if (!o.length || !s.length) continue;
      if (b) {
        comparisons.push(compare(`${b}: responses per second (per 1-s window)`, 'req/s', 'higher', perSecondRates(ours, b), perSecondRates(base, b), baselineIs));
        comparisons.push(compare(`${b}: latency`, 'ms', 'lower', o, s, baselineIs));
      }
      const [so, sb] = [summarize(o), summarize(s)];
      const figures = (x: typeof so) => ({ requests: x.n, reqPerSec: Math.round((x.n / opts.duration) * 10) / 10, p50: round(x.p50), p99: round(x.p99), max: round(x.max) });
      perBox[box] = {
        ours: figures(so),
        baseline: figures(sb),
        ratio: { reqPerSec: ratio(so.n, sb.n), p50: ratio(so.p50, sb.p50), p99: ratio(so.p99, sb.p99), max: ratio(so.max, sb.max) },
      };
    }
    console.log('\nper box (ours ÷ baseline):');
    console.table(
      Object.fromEntries(
        Object.entries(perBox as Record<string, { ours: Figures; baseline: Figures; ratio: Record<string, number> }>).map(([box, f]) => [
          box,
          {
            'ours req/s': f.ours.reqPerSec,
            'base req/s': f.baseline.reqPerSec,
            'ratio req/s': f.ratio.reqPerSec,
            'ours p50': f.ours.p50,
            'base p50': f.baseline.p50,
            'ours p99': f.ours.p99,
            'base p99': f.baseline.p99,
            'ratio p99': f.ratio.p99,
            'ours max': f.ours.max,
            'base max': f.baseline.max,
          },
        ]),
      ),
    );

    await writeResult({
      name: 'inbox-under-load',
      description: `GET /me/inbox, ${opts.clients} closed-loop clients for ${opts.duration} s on ${counts.tasks} tasks over ${counts.units} units (leadership and unit boxes with filters)`,
      parameters: {
        tasks: counts.tasks,
        units: counts.units,
        clients: opts.clients,
        durationS: opts.duration,
        warmupS: opts.warmup,
        pageLimit: 50,
        people: { leadership: LEADERS, units: UNIT_PEOPLE },
        mix: 'even clients: the director or a deputy (approve ×4, escalated ×2, overdue ×3 variants); odd clients: a unit head or officer of the 8 demo units (draft ×4, review ×3); each client walks its person’s variants round robin',
        variants: { leadership: leaderMix(today, '<unit in scope>').map((m) => m.query), units: unitMix(today).map((m) => m.query) },
        loadGenerator: 'closed loop over node:http keep-alive connections, in the bench process (bench/lib/load-client.ts); autocannon is not a dependency',
        poolMax,
        api: 'own process (apps/api/src/main.ts)',
        baseline: 'own process (bench/baseline/inbox-sql-server.ts)',
        rounds: opts.rounds,
        order: `a warm-up of each, then ${opts.rounds} alternating rounds of ${opts.duration / opts.rounds} s (baseline, ours)`,
      },
      comparisons,
      extra: {
        perBox,
        errors: { ours: ours.errors, baseline: base.errors, examples: [...ours.errorExamples, ...base.errorExamples] },
        tasksPerPageByBox: Object.fromEntries(Object.entries(itemsPerBox).map(([b, n]) => [b, Math.round(summarize(n).mean * 10) / 10])),
        generateSeconds: Math.round(generateS * 10) / 10,
        unloadedBaselineMs: { median: summarize(unloaded.map((u) => u.ms)).p50, slowest: unloaded.slice(0, 5) },
        notifications: counts.notifications,
      },
      notes: [
        'Before the load, every (person, request) of the mix was asked of both servers: both answered 200 with the same task ids in the same order.',
        'req/s figures are responses per 1-second window of the measured run (min/p50/p99 over the windows); perBox.reqPerSec is responses ÷ duration.',
        'The load generator shares the 2 cores with the server under test and Postgres: ratios, not absolute figures, are the result.',
      ],
    });
  } finally {
    await baseline.stop();
    await api.stop();
    await ds.destroy();
  }
}

interface Figures {
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  max: number;
}

const round = (v: number) => Math.round(v * 10) / 10;

runBench(main);
