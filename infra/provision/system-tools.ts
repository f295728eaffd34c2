import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

type Log = (line: string) => void;

/**
 * Programs from the operating system that some tests drive for real: headless Chromium (browser
 * tests of the web inbox, through playwright-core) and LibreOffice (the exported .xlsx/.docx must
 * open in a real office suite). Each is taken from its environment variable, else from PATH, else
 * installed from Debian's packages when this process may (root with apt-get, as on our machines
 * and CI); otherwise `npm test` stops with what to install, rather than skipping the tests.
 */
export interface SystemTool {
  /** Environment variable that names the executable (set by us for the test processes). */
  env: string;
  /** Executable names to look for on PATH. */
  names: string[];
  /** Debian packages that provide it. */
  packages: string[];
  /** What it is for, in the error message. */
  purpose: string;
}

export const CHROMIUM: SystemTool = {
  env: 'CHROMIUM_BIN',
  names: ['chromium', 'chromium-browser', 'google-chrome'],
  packages: ['chromium'],
  purpose: 'browser tests of the web inbox',
};

export const LIBREOFFICE: SystemTool = {
  env: 'SOFFICE_BIN',
  names: ['soffice', 'libreoffice'],
  packages: ['libreoffice-writer-nogui', 'libreoffice-calc-nogui'],
  purpose: 'opening the exported Excel and Word reports in a real office suite',
};

export function findOnPath(names: string[]): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return null;
}

function canInstallWithApt(): boolean {
  return process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0 && !!findOnPath(['apt-get']);
}

/**
 * Resolves every tool, installing the missing ones in one apt-get run. Returns the environment to
 * hand to the tests (`CHROMIUM_BIN=…`, `SOFFICE_BIN=…`). Throws with instructions when a tool is
 * missing and cannot be installed here.
 */
export function ensureSystemTools(tools: SystemTool[], log: Log): Record<string, string> {
  const found = new Map<SystemTool, string>();
  const missing: SystemTool[] = [];
  for (const tool of tools) {
    const fromEnv = process.env[tool.env];
    const path = fromEnv && existsSync(fromEnv) ? fromEnv : findOnPath(tool.names);
    if (path) found.set(tool, path);
    else missing.push(tool);
  }
  if (missing.length) {
    const packages = missing.flatMap((t) => t.packages);
    if (!canInstallWithApt()) {
      throw new Error(
        `missing ${missing.map((t) => `${t.names[0]} (${t.purpose})`).join(', ')}: install ${packages.join(' ')} ` +
          `(Debian/Ubuntu: sudo apt-get install --no-install-recommends ${packages.join(' ')}), or set ${missing.map((t) => t.env).join(' / ')} to the executable`,
      );
    }
    log(`installing ${packages.join(', ')} from Debian's packages (once per machine)…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (update.status !== 0) throw new Error(`apt-get update failed (exit ${update.status})`);
    const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (install.status !== 0) throw new Error(`apt-get install ${packages.join(' ')} failed (exit ${install.status})`);
    for (const tool of missing) {
      const path = findOnPath(tool.names);
      if (!path) throw new Error(`${tool.packages.join(' ')} installed, but no ${tool.names.join(' / ')} on PATH`);
      found.set(tool, path);
    }
  }
  const out: Record<string, string> = {};
  for (const [tool, path] of found) {
    out[tool.env] = path;
    log(`${tool.names[0]}: ${path}${versionOf(path)}`);
  }
  return out;
}

function versionOf(path: string): string {
  try {
    const v = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0];
    return v ? ` (${v})` : '';
  } catch {
    return '';
  }
}
