import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CalendarDate, foldForSearch } from '@app/domain';
import { loadLifecycleSettings } from '@app/temporal';
import type { MilestoneSpec, UnitRef } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import { giveDemoPasswords, login } from '../support/auth';
import { grantKt } from '../support/delegation';
import { eventually, StackContext } from '../support/stack';

export const TODAY = CalendarDate.fromInstant(Date.now());
export const NEXT_YEAR = Number(TODAY.slice(0, 4)) + 1;

/** The date `n` days from today (before it when negative). */
export const day = (n: number): string => CalendarDate.addDays(TODAY, n);

export const VIETNAMESE = /[àáảãạăâđêôơưếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵéèẻẽẹóòỏõọúùủũụ]/i;

async function unitRefs(ds: DataSource, organizationId: string, codes: string[]): Promise<UnitRef[]> {
  const rows: Array<{ id: string; code: string }> = await ds.query(`SELECT id, code FROM units WHERE organization_id = $1 AND code = ANY($2::text[])`, [
    organizationId,
    codes,
  ]);
  return codes.map((code) => {
    const row = rows.find((r) => r.code === code);
    if (!row) throw new Error(`unknown unit ${code}`);
    return { unitId: row.id, unitCode: code };
  });
}

export interface TestTaskSpec {
  /** Business key inside the test organization. */
  key: string;
  title: string;
  owner: string;
  coordinating?: string[];
  dueOn?: string | null;
  initialState?: 'DRAFTING' | 'PENDING_TRIGGER';
  milestones?: MilestoneSpec[];
  planEndsOn?: string | null;
  /** The plan said "các đơn vị liên quan": the lead unit names the coordinating units. */
  coordinatingToBeNamed?: boolean;
}

/**
 * A task with its row, its units (lead and coordinating, as the importer stores them) and a
 * running `taskLifecycle` on the test's task queue; returns once its workflow wrote CREATED.
 */
export async function provisionTask(stack: StackContext, spec: TestTaskSpec): Promise<{ taskId: string; workflowId: string }> {
  const { ds, org } = stack;
  const workflowId = `task-${org.code}-${spec.key}`;
  const [owner] = await unitRefs(ds, org.organizationId, [spec.owner]);
  const coordinating = await unitRefs(ds, org.organizationId, spec.coordinating ?? []);
  const initialState = spec.initialState ?? 'DRAFTING';
  const dueOn = spec.dueOn === undefined ? CalendarDate.addDays(TODAY, 30) : spec.dueOn;
  const [task] = await ds.query(
    `INSERT INTO tasks (organization_id, title, search_text, owner_unit_id, state, status_word, due_on, workflow_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [org.organizationId, spec.title, foldForSearch(spec.title), owner.unitId, initialState, initialState === 'PENDING_TRIGGER' ? 'WAITING' : 'OPEN_ON_TIME', dueOn, workflowId],
  );
  await ds.query(`INSERT INTO task_units (task_id, unit_id, role) SELECT $1, u, 'coordinating' FROM unnest($2::uuid[]) AS u`, [
    task.id,
    coordinating.map((u) => u.unitId),
  ]);
  await ds.query(`INSERT INTO task_units (task_id, unit_id, role) VALUES ($1, $2, 'lead')`, [task.id, owner.unitId]);
  await stack.starter.start(workflowId, {
    taskId: task.id,
    organizationId: org.organizationId,
    organizationCode: org.code,
    planId: null,
    ownerUnitCode: spec.owner,
    ownerUnitId: owner.unitId,
    title: spec.title,
    dueOn,
    initialState,
    coordinatingUnits: coordinating,
    milestones: spec.milestones,
    planEndsOn: spec.planEndsOn ?? null,
    ...(spec.coordinatingToBeNamed ? { coordinatingToBeNamed: true } : {}),
    settings: await loadLifecycleSettings(ds, org.organizationId),
  });
  await eventually(`${spec.key} created`, async () => {
    const [row] = await ds.query(`SELECT version FROM tasks WHERE id = $1`, [task.id]);
    return row.version >= 1;
  });
  return { taskId: task.id, workflowId };
}

/** A group-led row: the parent row, one child row per unit, and the `groupTask` that starts them. */
export async function provisionGroupTask(
  stack: StackContext,
  spec: { key: string; title: string; units: string[]; initialState?: 'DRAFTING' | 'PENDING_TRIGGER'; dueOn?: string | null },
): Promise<{ taskId: string; workflowId: string; children: Array<{ unitCode: string; taskId: string; workflowId: string }> }> {
  const { ds, org } = stack;
  const workflowId = `task-${org.code}-${spec.key}`;
  const units = await unitRefs(ds, org.organizationId, spec.units);
  const initialState = spec.initialState ?? 'DRAFTING';
  const dueOn = spec.dueOn === undefined ? (initialState === 'PENDING_TRIGGER' ? null : CalendarDate.addDays(TODAY, 30)) : spec.dueOn;
  const statusWord = initialState === 'PENDING_TRIGGER' ? 'WAITING' : 'OPEN_ON_TIME';
  const insert = async (title: string, owner: string | null, parent: string | null, wf: string): Promise<string> => {
    const [row] = await ds.query(
      `INSERT INTO tasks (organization_id, title, search_text, owner_unit_id, parent_task_id, state, status_word, due_on, workflow_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [org.organizationId, title, foldForSearch(title), owner, parent, initialState, statusWord, dueOn, wf],
    );
    return row.id;
  };
  const taskId = await insert(spec.title, null, null, workflowId);
  const children = [];
  for (const u of units) {
    const childWorkflowId = `${workflowId}/${u.unitCode}`;
    const childId = await insert(spec.title, u.unitId, taskId, childWorkflowId);
    await ds.query(`INSERT INTO task_units (task_id, unit_id, role, via_group) VALUES ($1, $2, 'lead', 'ALL_UNITS'), ($3, $2, 'lead', 'ALL_UNITS')`, [
      taskId,
      u.unitId,
      childId,
    ]);
    children.push({ unitCode: u.unitCode, taskId: childId, workflowId: childWorkflowId });
  }
  const milestones: MilestoneSpec[] =
    initialState === 'PENDING_TRIGGER'
      ? [{ label: 'Sau khi UBND tỉnh ban hành', kind: 'event', due: null, start: null, until: null, trigger: 'Sau khi UBND tỉnh ban hành', recurrence: null }]
      : [];
  await stack.starter.startGroup(workflowId, {
    base: {
      taskId,
      organizationId: org.organizationId,
      organizationCode: org.code,
      planId: null,
      ownerUnitCode: null,
      ownerUnitId: null,
      title: spec.title,
      dueOn,
      initialState,
      coordinatingUnits: [],
      milestones,
      settings: await loadLifecycleSettings(ds, org.organizationId),
    },
    children: children.map((c, i) => ({ taskId: c.taskId, workflowId: c.workflowId, unit: units[i] })),
  });
  await eventually(`${spec.key} and its units created`, async () => {
    const [row] = await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE (id = $1 OR parent_task_id = $1) AND version >= 1`, [taskId]);
    return row.n === children.length + 1;
  });
  return { taskId, workflowId, children };
}

/**
 * Demo people of test organizations over HTTP: "vp.truongphong" of the default organization,
 * "pgd.b>giamdoc" for a deputy signing KT. for the director, "B:giamdoc" of another organization.
 * Each person logs in once (the login rate limit counts per username).
 */
export class People {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    private readonly app: INestApplication,
    private readonly orgs: Record<string, string>,
  ) {}

  username(who: string): string {
    const [org, name] = who.includes(':') ? who.split(':') : ['A', who];
    return `${this.orgs[org].toLowerCase()}.${name}`;
  }

  private token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = login(this.app, username).then((s) => s.accessToken);
      this.tokens.set(username, token);
    }
    return token;
  }

  /** The access token of a demo person (logged in once), for requests People does not make. */
  bearer(who: string): Promise<string> {
    return this.token(this.username(who));
  }

  private readonly grants = new Map<string, Promise<string>>();

  /**
   * "KT." is honoured only under a recorded grant (issue 17): the first request of "pgd.b>giamdoc"
   * records one (grantKt: from 30 days ago to 30 days ahead), as the director would with POST
   * /delegations. test/api/delegations.e2e-spec.ts is where a missing grant is refused.
   */
  private ensureGrant(user: string, principal: string): Promise<string> {
    const pair = `${user}>${principal}`;
    let grant = this.grants.get(pair);
    if (!grant) {
      const [org, deputy] = user.includes(':') ? user.split(':') : ['A', user];
      grant = grantKt(this.app.get(DataSource), this.orgs[org], deputy, { principal: principal.includes(':') ? principal.split(':')[1] : principal });
      this.grants.set(pair, grant);
    }
    return grant;
  }

  /** Sets the bearer token (and X-On-Behalf-Of); the caller then awaits the request itself. */
  private async authorize(req: request.Test, who: string): Promise<void> {
    const [user, principal] = who.split('>');
    req.auth(await this.token(this.username(user)), { type: 'bearer' });
    if (principal) {
      await this.ensureGrant(user, principal);
      req.set('X-On-Behalf-Of', this.username(principal));
    }
  }

  async get(who: string, url: string, query: Record<string, unknown> = {}): Promise<request.Response> {
    const req = request(this.app.getHttpServer()).get(url).query(query);
    await this.authorize(req, who);
    return req;
  }

  /** A multipart upload of one file (field `file`) with form fields. */
  async upload(who: string, url: string, file: Buffer, filename: string, fields: Record<string, string> = {}): Promise<request.Response> {
    const req = request(this.app.getHttpServer()).post(url);
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    req.attach('file', file, { filename });
    await this.authorize(req, who);
    return req;
  }

  async post(who: string, url: string, body: object = {}, headers: Record<string, string> = {}): Promise<request.Response> {
    const req = request(this.app.getHttpServer()).post(url).send(body);
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    await this.authorize(req, who);
    return req;
  }

  async delete(who: string, url: string): Promise<request.Response> {
    const req = request(this.app.getHttpServer()).delete(url);
    await this.authorize(req, who);
    return req;
  }
}

/**
 * The frame of an API test file, beside useStack: the demo passwords, the API app (createApiApp,
 * not listening: supertest drives it) and its demo people; the app is closed after the file. Its
 * fields are set in its beforeAll, which runs before the file's own.
 */
export function useApiApp(stack: StackContext): { readonly app: INestApplication; readonly people: People } {
  const api = {} as { app: INestApplication; people: People };
  beforeAll(async () => {
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    api.app = await createApiApp();
    await api.app.init();
    api.people = new People(api.app, { A: stack.org.code });
  });
  afterAll(async () => {
    await api.app?.close();
  });
  return api;
}

/**
 * Supertest requests with a bearer token (from `login`, one per username: the login rate limit), for
 * chaining `.send`, `.attach` and `.expect` as on `request(app.getHttpServer())`.
 */
export function withBearer(app: INestApplication, token: string) {
  const http = request(app.getHttpServer());
  return {
    get: (url: string) => http.get(url).auth(token, { type: 'bearer' }),
    post: (url: string) => http.post(url).auth(token, { type: 'bearer' }),
    put: (url: string) => http.put(url).auth(token, { type: 'bearer' }),
    delete: (url: string) => http.delete(url).auth(token, { type: 'bearer' }),
  };
}

/** Kebab-case route of an action name (saveDraft → save-draft). */
export function route(action: string): string {
  return action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
