import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The web app: `vite build` writes dist/web, which the API serves at `/` (apps/api/src/web);
 * `npm run dev:web` runs the dev server with hot reload and proxies the API's routes to it.
 */

const apiTarget = process.env.PLANFLOW_API_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? 3000}`;

/** Routes of the API the dev server forwards. `/tasks/…` is also a page of the app: see bypass. */
const API_PREFIXES = ['/auth', '/me', '/tasks', '/plans', '/reports', '/units', '/attachments', '/calendar', '/health', '/ready', '/docs'];

/** Writes a .gz beside every script and style sheet: the API sends it to browsers that take gzip. */
function gzipAssets(): Plugin {
  let outDir = '';
  return {
    name: 'planflow-gzip-assets',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const assets = join(outDir, 'assets');
      for (const name of readdirSync(assets)) {
        if (/\.(js|css|svg|json)$/.test(name)) writeFileSync(join(assets, `${name}.gz`), gzipSync(readFileSync(join(assets, name)), { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), gzipAssets()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Recharts and Mantine make one large vendor chunk; it is cached (hashed name, immutable).
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    proxy: Object.fromEntries(
      API_PREFIXES.map((prefix) => [
        prefix,
        {
          target: apiTarget,
          // A browser navigation to /tasks/<id> (a link from a notification e-mail) is the app's page,
          // not the API's JSON: the same rule the API applies when it serves the built app.
          bypass: (req: { headers: Record<string, string | string[] | undefined> }) =>
            prefix === '/tasks' && String(req.headers.accept ?? '').includes('text/html') ? '/index.html' : undefined,
        },
      ]),
    ),
  },
});
