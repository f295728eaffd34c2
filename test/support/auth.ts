import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { seedMissingPasswords } from '@app/persistence';
import { DEMO_PASSWORD } from '../../infra/scripts/demo-data';

export { DEMO_PASSWORD };

/** Gives every person of a test organization the demo password, hashed exactly as the demo seed does. */
export function giveDemoPasswords(ds: DataSource, organizationId: string): Promise<number> {
  return seedMissingPasswords(ds, { organizationId, password: DEMO_PASSWORD });
}

export interface LoginSession {
  tokenType: 'Bearer';
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
  user: {
    id: string;
    username: string;
    fullName: string;
    title: string;
    roles: string[];
    organization: { id: string; code: string; name: string };
    unit: { id: string; code: string; name: string } | null;
    portfolioUnits: Array<{ id: string; code: string; name: string }>;
  };
}

/** POST /auth/login that must succeed (mind the login rate limit: 5 per minute and username). */
export async function login(app: INestApplication, username: string, password = DEMO_PASSWORD): Promise<LoginSession> {
  const res = await request(app.getHttpServer()).post('/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as LoginSession;
}
