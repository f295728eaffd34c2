import { wantsWebPage } from './web-app';

/** A request as Express sees it: `accepts` answers like Express for these Accept headers. */
function req(method: string, path: string, accept?: string) {
  return {
    method,
    path,
    accepts: (types: string[]) => {
      if (!accept || accept.startsWith('*/*')) return types[0];
      if (accept.startsWith('text/html')) return 'html';
      return accept.includes('json') ? 'json' : false;
    },
  } as unknown as Parameters<typeof wantsWebPage>[0];
}

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('wantsWebPage: which requests get the web app instead of the API', () => {
  it('serves the app to a browser opening a page, also /tasks/<id> (the link of notification e-mails)', () => {
    for (const path of ['/', '/login', '/inbox', '/board', '/tasks/4d1c0c1e-0000-4000-8000-000000000000', '/dashboard/x', '/import']) {
      expect(wantsWebPage(req('GET', path, BROWSER))).toBe(true);
    }
  });

  it('never swallows the API: JSON clients, curl without Accept, and every other method get the API', () => {
    expect(wantsWebPage(req('GET', '/tasks/4d1c0c1e-0000-4000-8000-000000000000', 'application/json'))).toBe(false);
    expect(wantsWebPage(req('GET', '/tasks'))).toBe(false);
    expect(wantsWebPage(req('GET', '/tasks', '*/*'))).toBe(false);
    expect(wantsWebPage(req('POST', '/tasks/x/approve', BROWSER))).toBe(false);
  });

  it('leaves the API-only routes to the API even for a browser (/docs, /health, downloads)', () => {
    for (const path of ['/docs', '/docs/openapi.json', '/health', '/ready', '/metrics', '/attachments/x', '/reports/plans/x/progress.xlsx', '/me/inbox', '/auth/login', '/units']) {
      expect(wantsWebPage(req('GET', path, BROWSER))).toBe(false);
    }
  });
});
