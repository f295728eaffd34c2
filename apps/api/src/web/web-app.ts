import { existsSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * The web app (apps/web, built by `vite build`) served by the API itself: one process, one port,
 * no CORS. Hashed files under /assets are cached for good (gzip copies written at build time are
 * sent to browsers that take gzip); every other browser navigation gets index.html, so the app's
 * own routes (/inbox, /tasks/<id> of a notification e-mail…) open directly.
 *
 * The app never swallows the API: only a GET whose client prefers HTML gets index.html (fetch,
 * curl and the app itself ask for JSON), and paths that belong to the API alone answer as the API
 * even to a browser (the /docs page, /health, a report or attachment download).
 */

/** Routes of the API that are never a page of the app, even when a browser opens them. */
export const API_ONLY_PREFIXES = ['/docs', '/health', '/ready', '/metrics', '/auth', '/me', '/attachments', '/reports', '/calendar', '/units', '/plans', '/admin/directory'];

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function wantsWebPage(req: Pick<Request, 'method' | 'path' | 'accepts'>): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (API_ONLY_PREFIXES.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return false;
  return req.accepts(['json', 'html']) === 'html';
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** /assets/<file> from its `.gz` copy when the browser takes gzip (vite writes both). */
function precompressedAssets(assets: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const name = basename(req.path);
    const type = TYPES[extname(name)];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path !== `/${name}` || !type || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return next();
    if (!existsSync(join(assets, `${name}.gz`))) return next();
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', IMMUTABLE);
    // `root`: only the part below it is checked for dot-folders (the app may live under .data/).
    res.sendFile(`${name}.gz`, { root: assets }, (err) => err && next(err));
  };
}

/**
 * Serves the built web app from `dir` when it holds one (index.html); answers false otherwise
 * (the API alone, e.g. tests of other parts, or before `npm run build`). Call before `init()`.
 */
export function serveWebApp(app: INestApplication, dir: string): boolean {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  const http = app as NestExpressApplication;
  http.use('/assets', precompressedAssets(join(root, 'assets')));
  http.useStaticAssets(root, {
    index: false,
    redirect: false,
    setHeaders: (res, path) => res.setHeader('Cache-Control', path.includes(`${join(root, 'assets')}`) ? IMMUTABLE : 'no-cache'),
  });
  http.use((req: Request, res: Response, next: NextFunction) => {
    if (!wantsWebPage(req)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    // The same URL (/tasks/<id>) answers JSON to the app's fetch: caches must keep both apart.
    res.setHeader('Vary', 'Accept');
    res.sendFile('index.html', { root }, (err) => err && next(err));
  });
  return true;
}
