#!/usr/bin/env node
// `npm start`, `npm test`, `npm run test:faults`, `npm run bench`: the only entry points a new machine needs.
// This file uses Node built-ins only, because it runs before dependencies are installed: it
// installs what is missing, then hands over to the TypeScript provisioning in infra/provision/.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const mode = process.argv[2];
if (!['start', 'test', 'faults', 'bench'].includes(mode)) {
  console.error('usage: node infra/bin/bootstrap.mjs start|test|faults|bench [args…]');
  process.exit(2);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`[planflow] Node ${process.versions.node} is too old: Node 20.19+ is required (require() of ES modules).`);
  process.exit(1);
}

// Install when node_modules is missing or was installed from another lock file.
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.planflow-lock-hash');
const lockHash = createHash('sha256').update(readFileSync(lock)).digest('hex');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  console.log('[planflow] installing dependencies (npm install --no-save, from package-lock.json)…');
  // Not `npm ci`: registries that do not mirror other platforms' optional binaries (@swc/core-darwin-*)
  // leave those out of the lock file, and `npm ci` refuses such a lock as "out of sync".
  // `--no-save` installs what the lock says and leaves package.json and the lock untouched.
  // Install scripts run only for the packages approved in package.json#allowScripts.
  const r = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('[planflow] npm install failed');
    process.exit(r.status ?? 1);
  }
  writeFileSync(stamp, lockHash);
}

const require = createRequire(import.meta.url);
require('./register.js');
const { main } = require('../provision/stack.ts');
main(mode, process.argv.slice(3)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[planflow] ${err?.stack ?? err}`);
    process.exit(1);
  },
);
