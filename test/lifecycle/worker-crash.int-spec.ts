import { CalendarDate } from '@app/domain';
import { eventually, startWorkerProcess, useStack } from '../support/stack';
import { LifecycleDriver } from './support';

/**
 * Kill -9 of the worker in the middle of a review round: the reviews in flight are neither lost
 * nor applied twice, retries of them (same idempotency keys) change nothing, the audit trail has
 * no gap, and the task moves on when the last unit answers.
 */
describe('worker killed in the middle of a review round', () => {
  const stack = useStack('crash');
  let t: LifecycleDriver;
  let wf: string;
  const reviewers = ['CCHC', 'TCBC', 'TTRA', 'BTG'];

  beforeAll(async () => {
    t = new LifecycleDriver(stack);
    const units: Array<{ id: string; code: string }> = await stack.ds.query(`SELECT id, code FROM units WHERE organization_id = $1`, [stack.org.organizationId]);
    const id = (code: string) => units.find((u) => u.code === code)!.id;
    wf = `crash-review-${stack.org.code}`;
    const dueOn = CalendarDate.addDays(CalendarDate.fromInstant(Date.now()), 20);
    const [task] = await stack.ds.query(
      `INSERT INTO tasks (organization_id, title, search_text, owner_unit_id, state, status_word, due_on, workflow_id)
       VALUES ($1, 'Báo cáo tổng hợp', 'bao cao tong hop', $2, 'DRAFTING', 'OPEN_ON_TIME', $3, $4) RETURNING id`,
      [stack.org.organizationId, id('VP'), dueOn, wf],
    );
    await stack.starter.start(wf, {
      taskId: task.id,
      organizationId: stack.org.organizationId,
      organizationCode: stack.org.code,
      planId: null,
      ownerUnitCode: 'VP',
      ownerUnitId: id('VP'),
      title: 'Báo cáo tổng hợp',
      dueOn,
      initialState: 'DRAFTING',
      coordinatingUnits: reviewers.map((code) => ({ unitId: id(code), unitCode: code })),
    });
    await eventually('task created', async () => (await t.row(wf)).version >= 1);
  });

  it('loses nothing and applies nothing twice', async () => {
    await t.act(wf, 'saveDraft', 'vp.chuyenvien', { text: 'Dự thảo báo cáo' });
    await t.act(wf, 'submit', 'vp.truongphong');
    await t.act(wf, 'review', 'cchc.truongphong', { opinion: 'agree' }, 'review-CCHC');

    // Two reviews in flight, then the worker dies without any cleanup.
    const inFlight = ['TCBC', 'TTRA'].map((code) =>
      t.act(wf, 'review', `${code.toLowerCase()}.truongphong`, { opinion: 'agree_with_comments', comment: `Ý kiến của ${code}` }, `review-${code}`),
    );
    await stack.worker!.kill9();
    stack.worker = await startWorkerProcess({ taskQueue: stack.taskQueue });
    const settled = await Promise.allSettled(inFlight);

    // The client does not know what happened to them: it sends them again with the same keys.
    for (const code of ['TCBC', 'TTRA', 'CCHC']) {
      await t.act(wf, 'review', `${code.toLowerCase()}.truongphong`, code === 'CCHC' ? { opinion: 'agree' } : { opinion: 'agree_with_comments', comment: `Ý kiến của ${code}` }, `review-${code}`);
    }
    expect(settled.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);
    expect((await t.row(wf)).pending_review).toEqual(['BTG']);

    const s = await t.act(wf, 'review', 'btg.truongphong', { opinion: 'agree' }, 'review-BTG');
    expect(s.state).toBe('AWAITING_APPROVAL');

    const events = await t.events(wf);
    const reviews = events.filter((e) => e.type === 'REVIEW_GIVEN').map((e) => e.payload.unitCode);
    expect([...reviews].sort()).toEqual([...reviewers].sort());
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual(['CREATED', 'DRAFT_SAVED', 'SUBMITTED_FOR_REVIEW', 'REVIEW_GIVEN', 'REVIEW_GIVEN', 'REVIEW_GIVEN', 'REVIEW_GIVEN', 'REVIEW_COMPLETED']);
    const row = await t.row(wf);
    expect(row).toMatchObject({ state: 'AWAITING_APPROVAL', version: events.length, pending_review: [] });
    expect(row.detail.review ?? null).toBeNull();
    expect((row.detail.lastReview?.comments ?? []).map((c) => c.unitCode).sort()).toEqual(['TCBC', 'TTRA']);
    await t.record(wf, 'lifecycle-worker-killed-mid-review');
  });
});
