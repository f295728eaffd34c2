import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import { People } from '../api/support';
import { DEMO_PASSWORD, giveDemoPasswords } from '../support/auth';
import { env, StackContext } from '../support/stack';

export const ROOT = join(__dirname, '..', '..');

/** Screenshots of every screen: kept after the run (the run directory is removed when all pass). */
export const ARTIFACTS = join(ROOT, '.data', 'test-artifacts', 'web');

/** Screenshots of the action walk-throughs (actions.e2e-spec.ts), apart: web.e2e-spec.ts starts afresh its own folder. */
export const ACTION_ARTIFACTS = join(ROOT, '.data', 'test-artifacts', 'web-actions');

export function freshArtifacts(): void {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
}

/** Runs a Node script of the repo; resolves with its exit code and output. */
export function runNodeScript(args: string[], cwd = ROOT): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The production build of apps/web (vite), as `npm run build` and `npm start` make it. */
export function buildWebApp(outDir: string) {
  return runNodeScript([join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'apps/web/vite.config.mts'), '--outDir', outDir, '--logLevel', 'warn']);
}

/**
 * The production build of apps/web, made once per test run: in PLANFLOW_TEST_DIR/web-dist, which
 * the next browser test file of the run takes as it is (outside `npm test`, in `workDir`, once per
 * file). Vite writes into a sibling folder renamed into place once complete, so a half-written
 * build is never taken.
 */
export async function webBuildOnce(workDir: string): Promise<string> {
  const dir = process.env.PLANFLOW_TEST_DIR ? join(env('PLANFLOW_TEST_DIR'), 'web-dist') : join(workDir, 'dist');
  if (existsSync(join(dir, 'index.html'))) return dir;
  const partial = await mkdtemp(`${dir}.partial-`);
  try {
    const build = await buildWebApp(partial);
    if (build.code !== 0) throw new Error(`vite build failed:\n${build.output}`);
    await rename(partial, dir).catch((err: unknown) => {
      // A build renamed into place by another test process meanwhile is as good as this one.
      if (!existsSync(join(dir, 'index.html'))) throw err;
    });
    return dir;
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}

/** apps/web typechecked with its own tsconfig (JSX, DOM), which the root tsconfig leaves out. */
export function typecheckWebApp() {
  return runNodeScript([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'apps/web/tsconfig.json')]);
}

export const LAPTOP = { width: 1366, height: 800 };
/** The done-when walk's desktop (issue 19): a 1366×768 screen. */
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };
export const TABLET = { width: 820, height: 1180 };

/**
 * Real headless Chromium (Debian's, from CHROMIUM_BIN) with one browser context per person: each
 * logs in once through the login page and keeps their tab (its sessionStorage holds the refresh token).
 */
export class Browsers {
  private browser!: Browser;
  private readonly pages = new Map<string, Page>();
  private readonly contexts: BrowserContext[] = [];
  /** Uncaught errors and console errors of every page: a test ends with none. */
  readonly errors: string[] = [];

  constructor(
    private readonly baseURL: () => string,
    private readonly usernameOf: (who: string) => string,
  ) {}

  async launch(): Promise<void> {
    this.browser = await chromium.launch({ executablePath: env('CHROMIUM_BIN'), args: ['--no-sandbox'] });
  }

  async newPage(viewport = LAPTOP): Promise<Page> {
    const context = await this.browser.newContext({ baseURL: this.baseURL(), viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
    this.contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (err) => this.errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      // The browser logs a refused request (4xx) as a console error; the app shows those itself.
      if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) this.errors.push(`console: ${msg.text()}`);
    });
    return page;
  }

  /** The person's tab, logged in (once) through the login page. */
  async as(who: string, viewport = LAPTOP): Promise<Page> {
    const key = `${who}@${viewport.width}`;
    const open = this.pages.get(key);
    if (open) return open;
    const page = await this.newPage(viewport);
    await login(page, this.usernameOf(who));
    this.pages.set(key, page);
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser?.close();
  }
}

export interface WebApp {
  /** The API app, listening on a free port (set before the file's own beforeAll runs). */
  readonly app: INestApplication;
  /** The demo people of the stack's organization over HTTP, for the steps the screens need done beforehand. */
  readonly people: People;
  /** Chromium, one tab per demo person of the stack's organization ("vp.truongphong"). */
  readonly browsers: Browsers;
}

/**
 * The frame of a browser test file, beside useStack: the demo passwords, the API app (createApiApp)
 * on a free port serving the production build of apps/web (webBuildOnce), and Chromium. The API
 * starts workflows on the stack's task queue, where its worker listens; attachments go to the
 * file's work folder (PLANFLOW_TEST_DIR/<name>, or a temporary one). `prepare` runs while the app
 * is built, before the API starts. After each test the pages logged no error; after all, the
 * browser and the app are closed and the environment is restored.
 */
export function useWebApp(stack: StackContext, name: string, opts: { prepare?: () => Promise<unknown> } = {}): WebApp {
  let baseURL = '';
  let workDir = '';
  const browsers = new Browsers(() => baseURL, (who) => `${stack.org.code.toLowerCase()}.${who}`);
  const web = { browsers } as { app: INestApplication; people: People; browsers: Browsers };
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    workDir = process.env.PLANFLOW_TEST_DIR ? join(env('PLANFLOW_TEST_DIR'), name) : await mkdtemp(join(tmpdir(), `planflow-${name}-`));
    mkdirSync(workDir, { recursive: true });
    Object.assign(process.env, { TEMPORAL_TASK_QUEUE: stack.taskQueue, ATTACHMENTS_DIR: join(workDir, 'attachments') });
    const built = webBuildOnce(workDir);
    built.catch(() => undefined); // awaited below, after `prepare`
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    await opts.prepare?.();
    // The API serves the app only when the build is there as it starts.
    web.app = await createApiApp({ webDir: await built });
    await web.app.listen(0, '127.0.0.1');
    baseURL = `http://127.0.0.1:${(web.app.getHttpServer().address() as AddressInfo).port}`;
    web.people = new People(web.app, { A: stack.org.code });
    await browsers.launch();
  }, 300_000);

  afterAll(async () => {
    await browsers.close();
    await web.app?.close();
    process.env = savedEnv;
    if (!process.env.PLANFLOW_TEST_DIR && workDir) await rm(workDir, { recursive: true, force: true });
  });

  afterEach(() => {
    // React errors and uncaught exceptions fail the step that caused them.
    const errors = browsers.errors.splice(0);
    expect(errors).toEqual([]);
  });

  return web;
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel(/^Mật khẩu/).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('user-menu').waitFor();
}

/** A screenshot in the artifacts folder; animations (charts) get a moment to finish. */
export async function shoot(page: Page, name: string, opts: { fullPage?: boolean; settle?: number; keepScroll?: boolean; dir?: string } = {}): Promise<string> {
  if (!opts.keepScroll) await page.evaluate('window.scrollTo(0, 0)');
  await page.waitForTimeout(opts.settle ?? 400);
  const path = join(opts.dir ?? ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: opts.fullPage ?? false });
  return path;
}

/**
 * Where an element ends up once it has stopped moving: drawers and modals slide in (Mantine's
 * transitions), so a box read right after `waitFor()` can be mid-animation. Reads the box every
 * 50 ms until three reads in a row agree (or 5 s pass, then the last read is returned).
 */
export async function settledBox(locator: Locator, timeoutMs = 5_000): Promise<{ x: number; y: number; width: number; height: number }> {
  const until = Date.now() + timeoutMs;
  let last = await locator.boundingBox();
  let same = 0;
  while (Date.now() < until && same < 2) {
    await new Promise((r) => setTimeout(r, 50));
    const next = await locator.boundingBox();
    same = last && next && Math.abs(last.x - next.x) < 0.5 && Math.abs(last.y - next.y) < 0.5 && Math.abs(last.height - next.height) < 0.5 ? same + 1 : 0;
    last = next;
  }
  if (!last) throw new Error('settledBox: the element has no box (not visible)');
  return last;
}

const AXE = require.resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string; failureSummary?: string }>;
}

/** axe-core in the page (WCAG 2.0/2.1 A and AA rules): the serious and critical violations, readable. */
export async function axeProblems(page: Page): Promise<string[]> {
  await page.waitForTimeout(300); // transitions (drawers, tabs) settle first: axe reads the colours as painted
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(
    `window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 5).map((n) => `${page.url()} ${v.impact} ${v.id} (${v.help}): ${n.html.slice(0, 200)} — ${n.failureSummary ?? ''}`));
}
