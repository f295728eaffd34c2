import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import { DEMO_PASSWORD, giveDemoPasswords } from '../support/auth';
import { useStack } from '../support/stack';

/** POST /auth/login from a given loopback address (127.0.0.0/8 is all this host): the API sees it as req.ip. */
function loginFrom(port: number, from: string, username: string, password: string): Promise<{ status: number; body: { code?: string } }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ username, password });
    const req = httpRequest(
      { host: '127.0.0.1', port, localAddress: from, method: 'POST', path: '/auth/login', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Login limits per address as well as per username (issue 17), on a listening app of its own (the
 * limits are counted per API process): one username from many addresses, and one address trying
 * many usernames, each meets 429 TOO_MANY_ATTEMPTS; other addresses and people are not locked out.
 */
describe('login limits per username and per address', () => {
  const stack = useStack('login-limits');
  let app: INestApplication;
  let port: number;
  const saved = process.env.LOGIN_ATTEMPTS_PER_ADDRESS;
  const user = (who: string) => `${stack.org.code.toLowerCase()}.${who}`;

  beforeAll(async () => {
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    process.env.LOGIN_ATTEMPTS_PER_ADDRESS = '8';
    app = await createApiApp({ webDir: null });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.LOGIN_ATTEMPTS_PER_ADDRESS;
    else process.env.LOGIN_ATTEMPTS_PER_ADDRESS = saved;
    await app?.close();
  });

  it('one username from many addresses: 10 attempts a minute, then 429 from any address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await loginFrom(port, `127.0.0.${10 + Math.floor(i / 3)}`, user('ccvc.chuyenvien'), `sai-${i}`)).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    const right = await loginFrom(port, '127.0.0.50', user('ccvc.chuyenvien'), DEMO_PASSWORD);
    expect([right.status, right.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    expect((await loginFrom(port, '127.0.0.50', user('ccvc.truongphong'), DEMO_PASSWORD)).status).toBe(200);
  });

  it('one address trying many usernames: LOGIN_ATTEMPTS_PER_ADDRESS a minute, then 429; another address logs in', async () => {
    const people = ['vp.chuyenvien', 'vp.truongphong', 'cchc.chuyenvien', 'cchc.truongphong', 'btg.chuyenvien', 'btg.truongphong', 'ttra.chuyenvien', 'ttra.truongphong', 'tcbc.chuyenvien'];
    const statuses: number[] = [];
    for (const who of people) statuses.push((await loginFrom(port, '127.0.0.99', user(who), 'mat-khau-doan')).status);
    expect(statuses).toEqual([...Array(8).fill(401), 429]);
    expect((await loginFrom(port, '127.0.0.100', user('tcbc.chuyenvien'), DEMO_PASSWORD)).status).toBe(200);
  });
});
