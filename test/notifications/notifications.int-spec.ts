import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoggerService } from '@nestjs/common';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import {
  countUnreadNotifications,
  dataSourceOptions,
  DEMO_EMAIL_DOMAIN,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  MIGRATIONS,
  TaskNotifier,
} from '@app/persistence';
import type { RecordEventInput } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { TaskReadModelActivities } from '../../apps/worker/src/activities/task-read-model.activities';
import { MailDispatcherService } from '../../apps/worker/src/mail/mail-dispatcher.service';
import { createMailTransport } from '../../apps/worker/src/mail/mail-transport';
import { env, eventually, openDataSource, seedTestOrganization, startWorkerProcess, uniqueSuffix } from '../support/stack';

/**
 * Notifications end to end on the real Postgres and a real SMTP listener: the read-model activity
 * fans an event out to exactly the people its role words name, once; the dispatcher sends the
 * outbox (LISTEN/NOTIFY and the sweep), retries with backoff, reclaims a crashed claim, writes .eml
 * files without a relay; the worker process runs it; the inbox reads, counts and marks.
 */

const PUBLIC_URL = 'https://planflow.test';
const SMTP_PASSWORD = 'smtp-s3cret-never-logged';
const TASK_TITLE = 'Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền giải quyết của Sở';
const PLAN_TITLE = 'Kế hoạch cải cách hành chính năm 2023 của Sở Nội vụ';

// --- a small MIME reader: nodemailer encodes non-ASCII text (quoted-printable or base64) ------------

function decodeWords(value: string): string {
  // RFC 2047 encoded-words; whitespace between two of them is not part of the text.
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

function splitPart(raw: string): { headers: Record<string, string>; body: string } {
  const text = raw.replace(/\r\n/g, '\n');
  const cut = text.indexOf('\n\n');
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, cut).replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: text.slice(cut + 2) };
}

interface ParsedMail {
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
}

function parseMail(raw: string): ParsedMail {
  const { headers, body } = splitPart(raw);
  const parts: Array<{ headers: Record<string, string>; body: string }> = [];
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) if (!chunk.startsWith('--')) parts.push(splitPart(chunk.replace(/^\n/, '')));
  } else {
    parts.push({ headers, body });
  }
  const part = (type: string) => parts.find((p) => (p.headers['content-type'] ?? '').startsWith(type));
  const decoded = (p?: { headers: Record<string, string>; body: string }) => (p ? decodeBody(p.body, p.headers['content-transfer-encoding']) : '');
  return { headers, subject: decodeWords(headers.subject ?? ''), text: decoded(part('text/plain')), html: decoded(part('text/html')) };
}

// --- a real SMTP listener --------------------------------------------------------------------------

interface Received {
  mailFrom: string;
  rcptTo: string[];
  raw: string;
  mail: ParsedMail;
}

async function startSmtp() {
  const received: Received[] = [];
  const logins: Array<{ user: string; password: string }> = [];
  const rejectOnce = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    // No STARTTLS: the client stays in plain text on loopback (the server's certificate is self-signed).
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ user: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      if (rejectOnce.delete(address.address)) {
        const err = Object.assign(new Error('4.2.1 Mailbox temporarily unavailable, try again later'), { responseCode: 450 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          mail: parseMail(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, received, logins, rejectOnce, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Collects the dispatcher's log lines (to check them, and to keep the test output quiet). */
function captureLogger(): LoggerService & { lines: string[] } {
  const lines: string[] = [];
  const push = (m: unknown) => void lines.push(String(m));
  return { lines, log: push, warn: push, error: push };
}

describe('notifications: fan-out, inbox and e-mail', () => {
  let ds: DataSource;
  let activities: TaskReadModelActivities;
  let org: { code: string; organizationId: string };
  let other: { code: string; organizationId: string };
  let prefix: string;
  const unit: Record<string, string> = {};
  const user: Record<string, string> = {}; // short username → id
  let planId: string;
  const tasks: Record<'cchc' | 'tcbc' | 'vp' | 'group', string> = { cchc: '', tcbc: '', vp: '', group: '' };
  let version = 0;

  beforeAll(async () => {
    ds = await openDataSource();
    activities = new TaskReadModelActivities(ds, new TaskNotifier({ publicUrl: `${PUBLIC_URL}/` }));
    org = await seedTestOrganization(ds);
    other = await seedTestOrganization(ds); // its monitor and director must never hear of our tasks
    prefix = org.code.toLowerCase();
    for (const u of await ds.query(`SELECT code, id FROM units WHERE organization_id = $1`, [org.organizationId])) unit[u.code] = u.id;
    for (const u of await ds.query(`SELECT username, id FROM users WHERE organization_id = $1`, [org.organizationId])) {
      user[u.username.slice(prefix.length + 1)] = u.id;
    }
    [{ id: planId }] = await ds.query(
      `INSERT INTO plans (organization_id, plan_key, title, start_year, end_year) VALUES ($1, $2, $3, 2023, 2023) RETURNING id`,
      [org.organizationId, `notif-${uniqueSuffix()}`, PLAN_TITLE],
    );
    const task = async (owner: string | null, title = TASK_TITLE) => {
      const [row] = await ds.query(
        `INSERT INTO tasks (organization_id, plan_id, title, owner_unit_id, state, status_word, due_on, workflow_id)
         VALUES ($1, $2, $3, $4, 'DRAFTING', 'OPEN_OVERDUE', '2023-03-31', $5) RETURNING id`,
        [org.organizationId, planId, title, owner ? unit[owner] : null, `notif-${uniqueSuffix()}`],
      );
      return row.id as string;
    };
    tasks.cchc = await task('CCHC');
    tasks.tcbc = await task('TCBC', 'Tuyển dụng công chức năm 2023');
    tasks.vp = await task('VP', 'Cập nhật quy chế làm việc của Sở');
    tasks.group = await task(null, 'Tự kiểm tra công tác cải cách hành chính tại các đơn vị'); // group-led parent: no lead unit
  });
  afterAll(async () => ds?.destroy());

  /** An event as the task workflow records it; the task row is left as the test made it. */
  function event(taskId: string, type: string, payload: Record<string, unknown>, key = `${type.toLowerCase()}:${uniqueSuffix()}`): RecordEventInput {
    version += 1;
    return {
      taskId,
      organizationId: org.organizationId,
      workflowId: `wf-${taskId}`,
      eventKey: key,
      type,
      actor: null,
      fromState: null,
      toState: null,
      version,
      dueOn: '2023-03-31',
      occurredAt: new Date().toISOString(),
      payload,
    };
  }

  /** Who got a notification of the event with this key (short usernames, sorted). */
  async function notified(taskId: string, eventKey: string): Promise<string[]> {
    const rows: Array<{ username: string }> = await ds.query(
      `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id JOIN task_events e ON e.id = n.task_event_id
       WHERE e.task_id = $1 AND e.event_key = $2 ORDER BY u.username`,
      [taskId, eventKey],
    );
    return rows.map((r) => r.username.slice(prefix.length + 1));
  }

  const address = (short: string) => `${prefix}.${short}@${DEMO_EMAIL_DOMAIN}`;

  it('the notifications migration reverts and re-applies cleanly (in a scratch database)', async () => {
    const name = `planflow_notifications_${uniqueSuffix()}`;
    const url = new URL(env('DATABASE_URL'));
    url.pathname = `/${name}`;
    const upTo = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'Notifications1764200000000') + 1);
    await ds.query(`CREATE DATABASE "${name}"`);
    const scratch = new DataSource(dataSourceOptions(url.toString(), { migrations: upTo, logging: false, extra: { max: 1 } }));
    const tables = async (): Promise<string[]> =>
      (await scratch.query(`SELECT tablename FROM pg_tables WHERE tablename IN ('notifications', 'email_outbox') ORDER BY tablename`)).map(
        (t: { tablename: string }) => t.tablename,
      );
    try {
      await scratch.initialize();
      await scratch.runMigrations({ transaction: 'each' });
      expect(await tables()).toEqual(['email_outbox', 'notifications']);
      const [inbox] = await scratch.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_notifications_user_inbox'`);
      expect(inbox.indexdef).toMatch(/\(user_id, created_at DESC, id DESC\)/);
      const [unread] = await scratch.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_notifications_user_unread'`);
      expect(unread.indexdef).toMatch(/WHERE \(read_at IS NULL\)/);
      await scratch.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual([]);
      await scratch.runMigrations({ transaction: 'each' });
      expect(await tables()).toEqual(['email_outbox', 'notifications']);
    } finally {
      if (scratch.isInitialized) await scratch.destroy();
      await ds.query(`DROP DATABASE "${name}"`);
    }
  });

  it('the demo people have e-mail addresses derived from their usernames, kept by a second seed', async () => {
    const rows: Array<{ username: string; email: string }> = await ds.query(`SELECT username, email FROM users WHERE organization_id = $1`, [org.organizationId]);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.email).toBe(`${r.username}@${DEMO_EMAIL_DOMAIN}`);
    await ds.query(`UPDATE users SET email = 'hung.nv@snv-binhdinh.example' WHERE id = $1`, [user['vp.truongphong']]);
    await seedTestOrganization(ds, org.code);
    const [{ email }] = await ds.query(`SELECT email FROM users WHERE id = $1`, [user['vp.truongphong']]);
    expect(email).toBe('hung.nv@snv-binhdinh.example'); // a corrected address survives the seed
    await ds.query(`UPDATE users SET email = $2 WHERE id = $1`, [user['vp.truongphong'], address('vp.truongphong')]);
  });

  it('DEADLINE_PASSED tells the lead unit head and the monitor (Văn phòng Sở), once, with the facts and the link', async () => {
    const e = event(tasks.cchc, 'DEADLINE_PASSED', { dueOn: '2023-03-31', workingDays: 0, notify: ['leadUnitHead', 'monitor'], ownerUnitId: unit.CCHC });
    expect(await activities.recordTaskEvent(e)).toEqual({ applied: true });
    expect(await notified(tasks.cchc, e.eventKey)).toEqual(['cchc.truongphong', 'vp.chuyenvien', 'vp.truongphong']);

    const [n] = await ds.query(
      `SELECT n.* FROM notifications n JOIN task_events e ON e.id = n.task_event_id WHERE e.event_key = $1 AND n.user_id = $2`,
      [e.eventKey, user['cchc.truongphong']],
    );
    expect(n).toMatchObject({ organization_id: org.organizationId, task_id: tasks.cchc, type: 'DEADLINE_PASSED', read_at: null, link: `${PUBLIC_URL}/tasks/${tasks.cchc}` });
    expect(n.title).toBe('Quá hạn: nhiệm vụ chưa hoàn thành, hạn 31/03/2023');
    expect(n.body).toContain(`Nhiệm vụ “${TASK_TITLE}” đã hết hạn ngày 31/03/2023 nhưng chưa hoàn thành.`);
    expect(n.body).toContain(`Kế hoạch: ${PLAN_TITLE}`);
    expect(n.body).toContain('Đơn vị chủ trì: Phòng Cải cách hành chính');
    expect(n.body).toContain('Trạng thái: Đang thực hiện quá hạn');

    const mails = await ds.query(`SELECT * FROM email_outbox WHERE notification_id = $1`, [n.id]);
    expect(mails).toEqual([
      expect.objectContaining({ to_address: address('cchc.truongphong'), to_name: 'Lê Thị Hồng', subject: `[Quá hạn] ${TASK_TITLE}`, status: 'pending', attempts: 0, last_error: null }),
    ]);
    expect(mails[0].text_body).toContain('Kính gửi: Lê Thị Hồng,');
    expect(mails[0].text_body).toContain(`Xem và xử lý nhiệm vụ: ${PUBLIC_URL}/tasks/${tasks.cchc}`);

    // The activity retried (same event key): nothing new anywhere.
    const count = async () =>
      (await ds.query(`SELECT (SELECT count(*)::int FROM notifications WHERE task_id = $1) AS n, (SELECT count(*)::int FROM email_outbox o JOIN notifications x ON x.id = o.notification_id WHERE x.task_id = $1) AS m`, [tasks.cchc]))[0];
    const before = await count();
    expect(before).toEqual({ n: 3, m: 3 });
    expect(await activities.recordTaskEvent({ ...e, occurredAt: new Date().toISOString() })).toEqual({ applied: false });
    expect(await count()).toEqual(before);
  });

  it('ESCALATED_TO_DEPUTY reaches the deputy whose portfolio holds the lead unit; no lead unit: the director', async () => {
    const cchc = event(tasks.cchc, 'ESCALATED_TO_DEPUTY', { workingDays: 3, dueOn: '2023-03-31', notify: ['deputyInCharge'], ownerUnitId: unit.CCHC });
    const tcbc = event(tasks.tcbc, 'ESCALATED_TO_DEPUTY', { workingDays: 3, dueOn: '2023-03-31', notify: ['deputyInCharge'], ownerUnitId: unit.TCBC });
    const group = event(tasks.group, 'ESCALATED_TO_DEPUTY', { workingDays: 3, dueOn: '2023-03-31', notify: ['deputyInCharge'], ownerUnitId: null });
    for (const e of [cchc, tcbc, group]) await activities.recordTaskEvent(e);
    expect(await notified(tasks.cchc, cchc.eventKey)).toEqual(['pgd.a']);
    expect(await notified(tasks.tcbc, tcbc.eventKey)).toEqual(['pgd.b']);
    expect(await notified(tasks.group, group.eventKey)).toEqual(['giamdoc']);
    const [n] = await ds.query(`SELECT title FROM notifications WHERE task_id = $1 AND type = 'ESCALATED_TO_DEPUTY'`, [tasks.cchc]);
    expect(n.title).toBe('Đã chuyển Phó Giám đốc phụ trách: nhiệm vụ quá hạn 3 ngày làm việc');
  });

  it('ESCALATED_TO_DIRECTOR reaches the director; approver is the deputy in charge', async () => {
    const director = event(tasks.tcbc, 'ESCALATED_TO_DIRECTOR', { workingDays: 10, dueOn: '2023-03-31', notify: ['director'], ownerUnitId: unit.TCBC });
    await activities.recordTaskEvent(director);
    expect(await notified(tasks.tcbc, director.eventKey)).toEqual(['giamdoc']);
    const approval = event(tasks.cchc, 'APPROVAL_REMINDER', { workingDays: 2, since: '2023-03-01', notify: ['approver'], ownerUnitId: unit.CCHC });
    await activities.recordTaskEvent(approval);
    expect(await notified(tasks.cchc, approval.eventKey)).toEqual(['pgd.a']);
  });

  it('REVIEW_REMINDER reaches the heads of the silent coordinating units only; reminders reach the lead unit', async () => {
    const review = event(tasks.cchc, 'REVIEW_REMINDER', {
      round: 1,
      windowEndsOn: '2023-03-10',
      units: ['TCBC', 'BTG'],
      unitIds: [unit.TCBC, unit.BTG, 'not-a-uuid'],
      workingDays: 1,
      notify: ['reviewUnitHead'],
      ownerUnitId: unit.CCHC,
    });
    await activities.recordTaskEvent(review);
    expect(await notified(tasks.cchc, review.eventKey)).toEqual(['btg.truongphong', 'tcbc.truongphong']);
    const [n] = await ds.query(`SELECT title, body FROM notifications WHERE task_id = $1 AND type = 'REVIEW_REMINDER' LIMIT 1`, [tasks.cchc]);
    expect(n.title).toBe('Nhắc góp ý: hạn góp ý đến hết ngày 10/03/2023');

    const reminder = event(tasks.cchc, 'DEADLINE_REMINDER', { workingDays: 1, dueOn: '2023-03-31', notify: ['leadUnitOfficer', 'leadUnitHead'], ownerUnitId: unit.CCHC });
    await activities.recordTaskEvent(reminder);
    expect(await notified(tasks.cchc, reminder.eventKey)).toEqual(['cchc.chuyenvien', 'cchc.truongphong']);
  });

  it('one notification per person however many of their roles are named; inactive people and unknown words are skipped', async () => {
    // vp.truongphong is the VP head and a monitor; vp.chuyenvien is inactive for this event.
    await ds.query(`UPDATE users SET is_active = false WHERE id = $1`, [user['vp.chuyenvien']]);
    try {
      const e = event(tasks.vp, 'DEADLINE_PASSED', { dueOn: '2023-03-31', notify: ['leadUnitHead', 'monitor', 'leadUnitHead', 'nobody'], ownerUnitId: unit.VP });
      await activities.recordTaskEvent(e);
      expect(await notified(tasks.vp, e.eventKey)).toEqual(['vp.truongphong']);
    } finally {
      await ds.query(`UPDATE users SET is_active = true WHERE id = $1`, [user['vp.chuyenvien']]);
    }
    // No notify, or an empty one: an audit line only.
    for (const payload of [{}, { notify: [] }, { notify: 'monitor' }]) {
      const e = event(tasks.vp, 'COMMENTED', payload);
      await activities.recordTaskEvent(e);
      expect(await notified(tasks.vp, e.eventKey)).toEqual([]);
    }
    // Nobody of the other organization ever hears of our tasks.
    const [{ leaked }] = await ds.query(`SELECT count(*)::int AS leaked FROM notifications WHERE organization_id = $1`, [other.organizationId]);
    expect(leaked).toBe(0);
    const [{ foreign }] = await ds.query(
      `SELECT count(*)::int AS foreign FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.task_id = ANY($1::uuid[]) AND u.organization_id <> $2`,
      [Object.values(tasks), org.organizationId],
    );
    expect(foreign).toBe(0);
  });

  it('the inbox: newest first, keyset pages without repeats, unread only, the badge, marking read (own only)', async () => {
    const me = user.giamdoc; // escalations of three tasks so far
    const all: string[] = (await ds.query(`SELECT id FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC`, [me])).map((r: { id: string }) => r.id);
    expect(all.length).toBeGreaterThanOrEqual(2);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listNotifications(ds, me, { limit: 1, cursor });
      expect(page.items.length).toBe(1);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const first = await listNotifications(ds, me);
    expect(first.items[0]).toMatchObject({ id: all[0], readAt: null, link: expect.stringMatching(/^https:\/\/planflow\.test\/tasks\//) });
    await expect(listNotifications(ds, me, { cursor: 'garbage' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });

    expect(await countUnreadNotifications(ds, me)).toBe(all.length);
    expect(await markNotificationRead(ds, user['pgd.a'], all[0])).toBe(false); // somebody else's
    expect(await countUnreadNotifications(ds, me)).toBe(all.length);
    expect(await markNotificationRead(ds, me, all[0])).toBe(true);
    expect(await markNotificationRead(ds, me, all[0])).toBe(true); // again: still read, first time kept
    expect(await countUnreadNotifications(ds, me)).toBe(all.length - 1);
    const unread = await listNotifications(ds, me, { unreadOnly: true });
    expect(unread.items.map((i) => i.id)).toEqual(all.slice(1));
    expect((await listNotifications(ds, me)).items[0].readAt).not.toBeNull();
    expect(await markAllNotificationsRead(ds, me)).toBe(all.length - 1);
    expect(await countUnreadNotifications(ds, me)).toBe(0);
    expect(await markAllNotificationsRead(ds, me)).toBe(0);
  });

  describe('e-mail delivery', () => {
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    beforeAll(async () => {
      smtp = await startSmtp();
    });
    afterAll(async () => smtp?.close());

    const smtpTransport = () =>
      createMailTransport({
        from: '"Hệ thống theo dõi kế hoạch" <no-reply@planflow.test>',
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'planflow', password: SMTP_PASSWORD },
        outboxDir: '/nonexistent',
      });
    const ours = () => smtp.received.filter((r) => r.rcptTo.some((a) => a.startsWith(`${prefix}.`)));

    it('sends the queued mails over SMTP; a refused one is retried after the backoff and then delivered', async () => {
      // The first mail to the director is refused once (450), whichever of the director's mails it is.
      smtp.rejectOnce.add(address('giamdoc'));
      const logger = captureLogger();
      const dispatcher = new MailDispatcherService(ds, smtpTransport(), { organizationIds: [org.organizationId], sweepIntervalMs: 3_600_000, retry: { baseMs: 1_500, maxMs: 10_000, maxAttempts: 5 } }, logger);
      const report = await dispatcher.drain();
      expect(report.failed).toBe(1);

      const [refused] = await ds.query(
        `SELECT o.*, o.next_attempt_at > now() AS in_future FROM email_outbox o WHERE o.to_address = $1 AND o.attempts = 1`,
        [address('giamdoc')],
      );
      expect(refused).toMatchObject({ status: 'pending', attempts: 1, in_future: true, sent_at: null });
      expect(refused.last_error).toMatch(/Mailbox temporarily unavailable/);

      // Every other mail of our organization arrived, to the right person, in readable Vietnamese.
      const rows: Array<{ id: string; notification_id: string; to_address: string; subject: string; status: string; message_id: string | null }> = await ds.query(
        `SELECT id, notification_id, to_address, subject, status, message_id FROM email_outbox WHERE organization_id = $1 AND id <> $2`,
        [org.organizationId, refused.id],
      );
      expect(rows.length).toBeGreaterThanOrEqual(10);
      for (const row of rows) {
        expect(row).toMatchObject({ status: 'sent', message_id: expect.stringMatching(/^<.+>$/) });
        const got = ours().filter((r) => r.mail.headers['x-planflow-notification'] === row.notification_id);
        expect(got).toHaveLength(1);
        expect(got[0].rcptTo).toEqual([row.to_address]);
        expect(got[0].mail.subject).toBe(row.subject);
      }
      const overdue = ours().find((r) => r.rcptTo[0] === address('cchc.truongphong') && r.mail.subject === `[Quá hạn] ${TASK_TITLE}`)!;
      expect(overdue.mailFrom).toBe('no-reply@planflow.test');
      expect(overdue.mail.headers['auto-submitted']).toBe('auto-generated');
      expect(overdue.mail.text).toContain('Kính gửi: Lê Thị Hồng,');
      expect(overdue.mail.text).toContain(`Nhiệm vụ “${TASK_TITLE}” đã hết hạn ngày 31/03/2023 nhưng chưa hoàn thành.`);
      expect(overdue.mail.text).toContain('Hạn hoàn thành: 31/03/2023');
      expect(overdue.mail.text).toContain('Trạng thái: Đang thực hiện quá hạn');
      expect(overdue.mail.text).toContain(`Xem và xử lý nhiệm vụ: ${PUBLIC_URL}/tasks/${tasks.cchc}`);
      expect(overdue.mail.html).toContain(`<a href="${PUBLIC_URL}/tasks/${tasks.cchc}">`);
      const deputy = ours().find((r) => r.rcptTo[0] === address('pgd.a') && r.mail.subject.startsWith('[Quá hạn – báo cáo Phó Giám đốc]'))!;
      expect(deputy.mail.text).toContain('đã quá hạn 3 ngày làm việc (hạn 31/03/2023) mà chưa hoàn thành; hệ thống chuyển Phó Giám đốc phụ trách');

      // The sweep picks the refused mail up once its backoff has passed.
      const retry = new MailDispatcherService(ds, smtpTransport(), { organizationIds: [org.organizationId], sweepIntervalMs: 250, retry: { baseMs: 1_500, maxMs: 10_000, maxAttempts: 5 } }, logger);
      await retry.start();
      try {
        await eventually('the refused mail delivered on its second attempt', async () => {
          const [row] = await ds.query(`SELECT status FROM email_outbox WHERE id = $1`, [refused.id]);
          return row.status === 'sent';
        }, 20_000);
      } finally {
        await retry.stop();
      }
      const [after] = await ds.query(`SELECT status, attempts, last_error, sent_at FROM email_outbox WHERE id = $1`, [refused.id]);
      expect(after).toMatchObject({ status: 'sent', attempts: 1, last_error: expect.stringMatching(/temporarily unavailable/) });
      expect(ours().filter((r) => r.mail.headers['x-planflow-notification'] === refused.notification_id)).toHaveLength(1);

      // It logged in with the password, and the password is nowhere in the logs or the table.
      expect(smtp.logins).toContainEqual({ user: 'planflow', password: SMTP_PASSWORD });
      expect(logger.lines.some((l) => l.startsWith('mail failed: ') && l.includes(address('giamdoc')))).toBe(true);
      expect(logger.lines.filter((l) => l.startsWith('mail sent: ')).length).toBeGreaterThanOrEqual(rows.length + 1);
      expect(logger.lines.join('\n')).not.toContain(SMTP_PASSWORD);
      const [{ leaks }] = await ds.query(`SELECT count(*)::int AS leaks FROM email_outbox WHERE last_error LIKE '%' || $1 || '%'`, [SMTP_PASSWORD]);
      expect(leaks).toBe(0);
    });

    it('a running dispatcher is woken by the event transaction (LISTEN/NOTIFY), not by its sweep', async () => {
      const logger = captureLogger();
      const dispatcher = new MailDispatcherService(ds, smtpTransport(), { organizationIds: [org.organizationId], sweepIntervalMs: 3_600_000 }, logger);
      await dispatcher.start();
      await dispatcher.whenIdle(); // the round start() runs finds nothing: only a NOTIFY can wake it now
      try {
        const e = event(tasks.tcbc, 'BLOCKER_RAISED', { blockerId: 'b1', text: 'Chưa có hướng dẫn của Bộ Nội vụ về chỉ tiêu biên chế', notify: ['monitor', 'deputyInCharge'] });
        await activities.recordTaskEvent(e);
        expect(await notified(tasks.tcbc, e.eventKey)).toEqual(['pgd.b', 'vp.chuyenvien', 'vp.truongphong']);
        const got = await eventually(
          'the blocker mails',
          async () => {
            const mails = ours().filter((r) => r.mail.subject === '[Vướng mắc] Tuyển dụng công chức năm 2023');
            return mails.length === 3 && mails;
          },
          10_000,
        );
        expect(got.map((r) => r.rcptTo[0]).sort()).toEqual([address('pgd.b'), address('vp.chuyenvien'), address('vp.truongphong')]);
        expect(got[0].mail.text).toContain('Chưa có hướng dẫn của Bộ Nội vụ về chỉ tiêu biên chế');
      } finally {
        await dispatcher.stop();
      }
      expect(logger.lines).toContain('mail dispatcher stopped');
    });

    it('a mail left "sending" by a dispatcher that died is sent again after its lease, counting the lost attempt', async () => {
      const e = event(tasks.vp, 'APPROVAL_ESCALATED', { workingDays: 5, since: '2023-03-01', notify: ['director'] });
      await activities.recordTaskEvent(e);
      // As a dispatcher leaves it when it dies mid-send: claimed ten minutes ago, never settled.
      const [row] = await ds.query(
        `WITH stuck AS (
           UPDATE email_outbox o SET status = 'sending', updated_at = now() - interval '10 minutes'
           FROM notifications n JOIN task_events ev ON ev.id = n.task_event_id
           WHERE n.id = o.notification_id AND ev.event_key = $1 RETURNING o.id
         ) SELECT id FROM stuck`,
        [e.eventKey],
      );
      const dispatcher = new MailDispatcherService(ds, smtpTransport(), { organizationIds: [org.organizationId], leaseMs: 60_000 }, captureLogger());
      await dispatcher.drain();
      const [after] = await ds.query(`SELECT status, attempts, last_error FROM email_outbox WHERE id = $1`, [row.id]);
      expect(after).toMatchObject({ status: 'sent', attempts: 1, last_error: expect.stringMatching(/^interrupted/) });
      expect(ours().filter((r) => r.mail.subject === '[Chậm phê duyệt] Cập nhật quy chế làm việc của Sở')).toHaveLength(1);
    });

    it('gives a mail up after the last attempt', async () => {
      const e = event(tasks.group, 'ESCALATED_TO_DIRECTOR', { workingDays: 10, notify: ['director'] });
      await activities.recordTaskEvent(e);
      smtp.rejectOnce.add(address('giamdoc'));
      const dispatcher = new MailDispatcherService(ds, smtpTransport(), { organizationIds: [org.organizationId], retry: { baseMs: 1, maxMs: 1, maxAttempts: 1 } }, captureLogger());
      await dispatcher.drain();
      const [row] = await ds.query(
        `SELECT o.status, o.attempts FROM email_outbox o JOIN notifications n ON n.id = o.notification_id JOIN task_events ev ON ev.id = n.task_event_id WHERE ev.event_key = $1`,
        [e.eventKey],
      );
      expect(row).toEqual({ status: 'failed', attempts: 1 });
    });
  });

  it('without SMTP, mails become .eml files in the outbox folder, and that counts as sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'planflow-mail-'));
    try {
      const e = event(tasks.cchc, 'ESCALATED_TO_DIRECTOR', { workingDays: 10, dueOn: '2023-03-31', notify: ['director', 'monitor'], ownerUnitId: unit.CCHC });
      await activities.recordTaskEvent(e);
      const rows: Array<{ id: string; to_address: string }> = await ds.query(
        `SELECT o.id, o.to_address FROM email_outbox o JOIN notifications n ON n.id = o.notification_id JOIN task_events ev ON ev.id = n.task_event_id
         WHERE ev.event_key = $1 ORDER BY o.to_address`,
        [e.eventKey],
      );
      expect(rows.map((r) => r.to_address)).toEqual([address('giamdoc'), address('vp.chuyenvien'), address('vp.truongphong')]);
      const transport = createMailTransport({ from: '"Hệ thống theo dõi kế hoạch" <no-reply@localhost>', outboxDir: dir });
      expect(transport.description).toBe(`.eml files in ${dir}`);
      await new MailDispatcherService(ds, transport, { organizationIds: [org.organizationId] }, captureLogger()).drain();

      const files = readdirSync(dir);
      expect(files.some((f) => f.endsWith('.part'))).toBe(false);
      for (const row of rows) {
        const file = files.find((f) => f.endsWith(`-${row.id}.eml`));
        expect(file).toBeDefined();
        const mail = parseMail(readFileSync(join(dir, file!), 'utf8'));
        expect(mail.headers.to).toContain(row.to_address);
        expect(mail.subject).toBe(`[Quá hạn – báo cáo Giám đốc] ${TASK_TITLE}`);
        expect(mail.text).toContain('đã quá hạn 10 ngày làm việc (hạn 31/03/2023)');
        expect(mail.text).toContain(`${PUBLIC_URL}/tasks/${tasks.cchc}`);
      }
      const sent = await ds.query(`SELECT status, message_id FROM email_outbox WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      expect(sent).toEqual(rows.map(() => ({ status: 'sent', message_id: expect.stringMatching(/^<.+>$/) })));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the worker process runs the dispatcher: queued mails go out as it starts, and it stops with the worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'planflow-worker-mail-'));
    const e = event(tasks.tcbc, 'APPROVAL_REMINDER', { workingDays: 2, since: '2023-03-01', notify: ['approver'], ownerUnitId: unit.TCBC });
    await activities.recordTaskEvent(e);
    const [row] = await ds.query(
      `SELECT o.id FROM email_outbox o JOIN notifications n ON n.id = o.notification_id JOIN task_events ev ON ev.id = n.task_event_id WHERE ev.event_key = $1`,
      [e.eventKey],
    );
    // The test stack turns the workers' dispatcher off (this file runs its own); this worker gets it on.
    const saved = { enabled: process.env.MAIL_DISPATCHER_ENABLED, dir: process.env.MAIL_OUTBOX_DIR };
    process.env.MAIL_DISPATCHER_ENABLED = 'true';
    process.env.MAIL_OUTBOX_DIR = dir;
    let worker: Awaited<ReturnType<typeof startWorkerProcess>> | undefined;
    try {
      // Its dispatcher keeps to this organization: other test files queue mails in the same database.
      worker = await startWorkerProcess({ taskQueue: `notifications-${uniqueSuffix()}`, env: { MAIL_DISPATCHER_ORGANIZATION_IDS: org.organizationId } });
      await eventually('the .eml file written by the worker', async () => readdirSync(dir).some((f) => f.endsWith(`-${row.id}.eml`)), 30_000);
      const [after] = await ds.query(`SELECT status FROM email_outbox WHERE id = $1`, [row.id]);
      expect(after.status).toBe('sent');
      await worker.stop();
      expect(worker.output()).toContain('mail dispatcher ready: .eml files in');
      expect(worker.output()).toContain('mail dispatcher stopped');
      expect(worker.child.exitCode).toBe(0);
    } finally {
      await worker?.stop();
      if (saved.enabled === undefined) delete process.env.MAIL_DISPATCHER_ENABLED;
      else process.env.MAIL_DISPATCHER_ENABLED = saved.enabled;
      if (saved.dir === undefined) delete process.env.MAIL_OUTBOX_DIR;
      else process.env.MAIL_OUTBOX_DIR = saved.dir;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
