import { CalendarDate, defaultVietnamCalendar } from '@app/domain';
import { provisionAdHocTask } from '@app/temporal';
import { eventually, useStack } from '../support/stack';
import { importSeedPlan, LifecycleDriver } from './support';

/**
 * Scenarios 2, 3, 4, 6, 7, 8, 9 and 10 of SCENARIOS.md through the workflow Update API, on the
 * real stack: Temporal dev server, the real worker process, Postgres. After each step the read
 * model (task row and audit events) is checked: an Update returns only once its events are
 * written, so no polling is needed for it.
 *
 * Two copies of seed 003 are imported: the plan as written (2023, every deadline past) and the
 * same plan moved to next year (every deadline ahead), so "on time" and "late" are both real.
 */
describe('task lifecycle scenarios', () => {
  const stack = useStack('scenarios');
  let t: LifecycleDriver;
  const today = CalendarDate.fromInstant(Date.now());
  const Y = Number(today.slice(0, 4)) + 1;
  const calendar = defaultVietnamCalendar();

  beforeAll(async () => {
    t = new LifecycleDriver(stack);
    t.addPlan('next', await importSeedPlan(stack, Y));
    t.addPlan('past', await importSeedPlan(stack, 2023));
  }, 180_000);

  it('scenario 2 — happy path: row II.2 drafted, reviewed by every coordinating unit, approved by the deputy in charge', async () => {
    const wf = t.wf('next', 'II.2');
    await eventually('II.2 created by its workflow', async () => (await t.row(wf)).version >= 1);
    let row = await t.row(wf);
    expect(row).toMatchObject({ state: 'DRAFTING', status_word: 'OPEN_ON_TIME', due_on: `${Y}-02-28`, owner: 'VP', version: 1 });
    expect(row.waiting_on).toMatchObject({ kind: 'lead_unit' });

    let s = await t.act(wf, 'saveDraft', 'vp.chuyenvien', { text: 'Dự thảo Kế hoạch hệ thống hóa', attachments: [{ fileId: 'file-ii2', name: 'ke-hoach.docx', sha256: 'ab'.repeat(32) }], progressPercent: 80 });
    expect(s.draft).toMatchObject({ progressPercent: 80, attachments: [{ fileId: 'file-ii2', name: 'ke-hoach.docx' }] });
    row = await t.row(wf);
    expect(row).toMatchObject({ state: 'DRAFTING', version: 2 });
    expect(row.detail.draft?.attachments).toHaveLength(1);

    s = await t.act(wf, 'submit', 'vp.truongphong');
    expect(s.state).toBe('IN_REVIEW');
    expect(s.review!.windowEndsOn).toBe(calendar.addWorkingDays(today, 5));
    row = await t.row(wf);
    const reviewers = ['BTDKT', 'BTG', 'CCHC', 'CCVC', 'TCBC', 'TTLT', 'TTRA'];
    expect(row).toMatchObject({ state: 'IN_REVIEW', pending_review: reviewers });
    expect(row.waiting_on.kind).toBe('reviewers');

    // Each coordinating unit answers from its own inbox; the row shows who is still asked.
    for (const [i, code] of reviewers.entries()) {
      s = await t.act(wf, 'review', `${code.toLowerCase()}.truongphong`, { opinion: i === 0 ? 'agree_with_comments' : 'agree', comment: i === 0 ? 'Bổ sung tiến độ quý' : undefined });
      expect((await t.row(wf)).pending_review).toEqual(reviewers.slice(i + 1));
    }
    expect(s.state).toBe('AWAITING_APPROVAL');
    row = await t.row(wf);
    expect(row).toMatchObject({ state: 'AWAITING_APPROVAL', pending_review: [] });
    expect(row.waiting_on.kind).toBe('approver');

    s = await t.act(wf, 'approve', 'pgd.a', { comment: 'Đồng ý ban hành' });
    expect(s.state).toBe('COMPLETED');
    row = await t.row(wf);
    expect(row).toMatchObject({ state: 'COMPLETED', status_word: 'DONE_ON_TIME', completed_on: today });

    const events = await t.events(wf);
    expect(events.map((e) => e.type)).toEqual(['CREATED', 'DRAFT_SAVED', 'SUBMITTED_FOR_REVIEW', ...reviewers.map(() => 'REVIEW_GIVEN'), 'REVIEW_COMPLETED', 'APPROVED']);
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    const approved = events.at(-1)!;
    expect(approved).toMatchObject({ from_state: 'AWAITING_APPROVAL', to_state: 'COMPLETED', actor_user_id: (await t.actor('pgd.a')).userId, on_behalf_of_user_id: null });
    expect(approved.payload).toMatchObject({ comment: 'Đồng ý ban hành', signedAs: 'PHÓ GIÁM ĐỐC', onTime: true });
    // The full history, also from the workflow itself.
    const history = await t.commands.history(wf);
    expect(history.map((h) => h.type)).toEqual(events.map((e) => e.type));
    await eventually('workflow closed', async () => (await stack.client.workflow.getHandle(wf).describe()).status.name === 'COMPLETED');
    await t.record(wf, 'lifecycle-happy-path-ii2');
  });

  it('scenario 3 — return and resubmit: the deputy returns with a comment, the lead unit resubmits, it is approved', async () => {
    const wf = t.wf('next', 'IV.1'); // VP leads, TCBC coordinates
    await t.toApproval(wf, 'VP');
    const returnedBy = await t.actor('pgd.a');
    expect((await t.refused(wf, 'return', 'pgd.a', { comment: '  ' })).code).toBe('INVALID_INPUT');
    let s = await t.act(wf, 'return', 'pgd.a', { comment: 'Bổ sung số liệu biên chế năm trước' });
    expect(s.state).toBe('DRAFTING');
    let row = await t.row(wf);
    expect(row).toMatchObject({ state: 'DRAFTING', owner: 'VP' });
    expect(row.waiting_on).toMatchObject({ kind: 'lead_unit', unitIds: [(await t.actor('vp.truongphong')).unitId] });
    const returned = (await t.events(wf)).at(-1)!;
    expect(returned).toMatchObject({ type: 'RETURNED', from_state: 'AWAITING_APPROVAL', to_state: 'DRAFTING', actor_user_id: returnedBy.userId });
    expect(returned.payload).toMatchObject({ comment: 'Bổ sung số liệu biên chế năm trước' });

    await t.act(wf, 'saveDraft', 'vp.chuyenvien', { text: 'Dự thảo (đã bổ sung số liệu)' });
    s = await t.act(wf, 'submit', 'vp.truongphong');
    expect(s).toMatchObject({ state: 'IN_REVIEW', review: { round: 2 } });
    await t.allReviewersAgree(wf);
    s = await t.act(wf, 'approve', 'pgd.a');
    expect(s.state).toBe('COMPLETED');
    row = await t.row(wf);
    expect(row).toMatchObject({ state: 'COMPLETED', status_word: 'DONE_ON_TIME' });
    expect((await t.types(wf)).filter((x) => x === 'SUBMITTED_FOR_REVIEW')).toHaveLength(2);
    await t.record(wf, 'lifecycle-return-resubmit-iv1');
  });

  it('scenario 4 — review disagreement: back to drafting with the comments; the head may submit over it with a justification the approver sees', async () => {
    const wf = t.wf('next', 'VI.1'); // TTLT leads, VP and TCBC coordinate
    await t.act(wf, 'saveDraft', 'ttlt.chuyenvien', { text: 'Phương án tự chủ tài chính' });
    await t.act(wf, 'submit', 'ttlt.truongphong');
    expect((await t.row(wf)).pending_review).toEqual(['TCBC', 'VP']);
    await t.act(wf, 'review', 'vp.truongphong', { opinion: 'agree' });
    expect((await t.refused(wf, 'review', 'tcbc.truongphong', { opinion: 'disagree' })).code).toBe('INVALID_INPUT'); // a disagreement needs its reasons
    expect((await t.refused(wf, 'review', 'tcbc.chuyenvien', { opinion: 'agree' })).code).toBe('FORBIDDEN'); // the unit's head answers for it
    expect((await t.refused(wf, 'review', 'btg.truongphong', { opinion: 'agree' })).code).toBe('NOT_A_REVIEWER');
    const s = await t.act(wf, 'review', 'tcbc.truongphong', { opinion: 'disagree', comment: 'Chưa phù hợp định mức biên chế' });
    expect(s.state).toBe('DRAFTING');
    expect(s.lastReview).toMatchObject({ outcome: 'disagreed', comments: [expect.objectContaining({ unitCode: 'TCBC', opinion: 'disagree', comment: 'Chưa phù hợp định mức biên chế' })] });

    let row = await t.row(wf);
    expect(row).toMatchObject({ state: 'DRAFTING', pending_review: [] });
    expect(row.detail.lastReview?.comments).toEqual([expect.objectContaining({ unitCode: 'TCBC', comment: 'Chưa phù hợp định mức biên chế' })]);
    const back = (await t.events(wf)).at(-1)!;
    expect(back).toMatchObject({ type: 'REVIEW_RETURNED', from_state: 'IN_REVIEW', to_state: 'DRAFTING' });

    expect((await t.refused(wf, 'submit', 'ttlt.truongphong', { overrideReview: true })).code).toBe('INVALID_INPUT');
    await t.act(wf, 'submit', 'ttlt.truongphong', { overrideReview: true, justification: 'Đã giải trình với Phòng TCBC; định mức theo Nghị định 60' });
    row = await t.row(wf);
    expect(row.state).toBe('AWAITING_APPROVAL');
    expect(row.detail.submission).toMatchObject({ overrideReview: true, justification: 'Đã giải trình với Phòng TCBC; định mức theo Nghị định 60' });
    await t.record(wf, 'lifecycle-review-disagreement-vi1');
  });

  it('scenario 6 — extension: asks 10 more days, the deputy grants 7; the due date moves and finishing by then is on time; a second request is refused', async () => {
    const wf = t.wf('next', 'VII.2'); // VP, due Y-05-31
    const due = `${Y}-05-31`;
    expect((await t.refused(wf, 'requestExtension', 'vp.chuyenvien', { reason: 'x', newDueOn: CalendarDate.addDays(due, 10) })).code).toBe('FORBIDDEN');
    expect((await t.refused(wf, 'requestExtension', 'vp.truongphong', { reason: 'Chờ kinh phí', newDueOn: due })).code).toBe('INVALID_INPUT');
    await t.act(wf, 'requestExtension', 'vp.truongphong', { reason: 'Chờ bố trí kinh phí thiết bị', newDueOn: CalendarDate.addDays(due, 10) });
    expect((await t.refused(wf, 'requestExtension', 'vp.truongphong', { reason: 'lần nữa', newDueOn: CalendarDate.addDays(due, 12) })).code).toBe('EXTENSION_PENDING');
    expect((await t.row(wf)).waiting_on.kind).toBe('extension_decision');
    expect((await t.refused(wf, 'decideExtension', 'pgd.b', { decision: 'grant' })).code).toBe('FORBIDDEN'); // VP is not in deputy B's portfolio

    const s = await t.act(wf, 'decideExtension', 'pgd.a', { decision: 'grant_other_date', newDueOn: CalendarDate.addDays(due, 7), comment: 'Gia hạn 7 ngày' });
    expect(s).toMatchObject({ dueOn: CalendarDate.addDays(due, 7), originalDueOn: due, extensions: { granted: 1, max: 1, pending: null } });
    let row = await t.row(wf);
    expect(row).toMatchObject({ due_on: due, extended_due_on: CalendarDate.addDays(due, 7), status_word: 'OPEN_ON_TIME' });
    const granted = (await t.events(wf)).at(-1)!;
    expect(granted).toMatchObject({ type: 'EXTENSION_GRANTED' });
    expect(granted.payload).toMatchObject({ previousDueOn: due, requestedDueOn: CalendarDate.addDays(due, 10), newDueOn: CalendarDate.addDays(due, 7), otherDate: true });

    const limit = await t.refused(wf, 'requestExtension', 'vp.truongphong', { reason: 'Thêm thời gian', newDueOn: CalendarDate.addDays(due, 20) });
    expect(limit.code).toBe('EXTENSION_LIMIT_REACHED');
    expect(limit.message).toMatch(/tối đa 1 lần/);

    await t.toApproval(wf, 'VP');
    await t.act(wf, 'approve', 'giamdoc');
    row = await t.row(wf);
    expect(row).toMatchObject({ state: 'COMPLETED', status_word: 'DONE_ON_TIME', extended_due_on: CalendarDate.addDays(due, 7) });
    await t.record(wf, 'lifecycle-extension-vii2');
  });

  it('scenario 6 on a late task — an overdue task given a new date is back in time and completes on time', async () => {
    const wf = t.wf('past', 'II.3'); // due 2023-03-31, long past
    // The ladder of a deadline long past: overdue, deputy, director, once each; no stale reminder.
    const ladder = ['DEADLINE_PASSED', 'ESCALATED_TO_DEPUTY', 'ESCALATED_TO_DIRECTOR'];
    await eventually('ladder climbed', async () => (await t.types(wf)).filter((x) => ladder.includes(x)).length === 3);
    expect((await t.types(wf)).filter((x) => x !== 'CREATED')).toEqual(ladder);
    const passed = (await t.events(wf)).find((e) => e.type === 'DEADLINE_PASSED')!;
    expect(passed.payload).toMatchObject({ dueOn: '2023-03-31', notify: ['leadUnitHead', 'monitor'] });
    expect(await t.row(wf)).toMatchObject({ status_word: 'OPEN_OVERDUE', due_on: '2023-03-31' });
    const newDue = CalendarDate.addDays(today, 10);
    await t.act(wf, 'requestExtension', 'vp.truongphong', { reason: 'Chờ văn bản hướng dẫn', newDueOn: newDue });
    await t.act(wf, 'decideExtension', 'pgd.a', { decision: 'grant' });
    expect(await t.row(wf)).toMatchObject({ status_word: 'OPEN_ON_TIME', due_on: '2023-03-31', extended_due_on: newDue });
    // The new date's ladder has not started: nothing fired twice, nothing early.
    expect((await t.types(wf)).filter((x) => ladder.includes(x) || x === 'DEADLINE_REMINDER')).toEqual(ladder);
    await t.record(wf, 'ladder-overdue-then-extended-ii3');
  });

  it('scenario 7 — event-triggered: row I.2 waits until the monitor records the decision; the deadline is that many working days later', async () => {
    const wf = t.wf('next', 'I.2');
    let row = await t.row(wf);
    expect(row).toMatchObject({ state: 'PENDING_TRIGGER', status_word: 'WAITING', due_on: null });
    expect(row.waiting_on).toMatchObject({ kind: 'monitor', text: expect.stringContaining('Sau khi UBND tỉnh ban hành') });
    expect((await t.refused(wf, 'saveDraft', 'vp.chuyenvien', { text: 'sớm' })).code).toBe('INVALID_STATE');
    expect((await t.refused(wf, 'recordTrigger', 'btg.truongphong', { eventDate: today, description: 'x' })).code).toBe('FORBIDDEN');
    expect((await t.refused(wf, 'recordTrigger', 'vp.chuyenvien', { eventDate: CalendarDate.addDays(today, 3), description: 'x' })).code).toBe('INVALID_INPUT');

    const eventDate = CalendarDate.addDays(today, -2);
    const s = await t.act(wf, 'recordTrigger', 'vp.chuyenvien', { eventDate, description: `UBND tỉnh ban hành Quy chế thi đua, khen thưởng, ngày ${eventDate}` });
    const expected = calendar.addWorkingDays(eventDate, 10);
    expect(s).toMatchObject({ state: 'DRAFTING', dueOn: expected, trigger: { eventDate } });
    row = await t.row(wf);
    expect(row).toMatchObject({ state: 'DRAFTING', due_on: expected, extended_due_on: null, status_word: 'OPEN_ON_TIME' });
    const recorded = (await t.events(wf)).at(-1)!;
    expect(recorded).toMatchObject({ type: 'TRIGGER_RECORDED', from_state: 'PENDING_TRIGGER', to_state: 'DRAFTING', actor_user_id: (await t.actor('vp.chuyenvien')).userId });
    expect(recorded.payload).toMatchObject({ eventDate, windowWorkingDays: 10, dueOn: expected });
    await t.act(wf, 'saveDraft', 'vp.chuyenvien', { text: 'Dự thảo Quy chế' });
    await t.record(wf, 'lifecycle-event-triggered-i2');
  });

  it('scenario 8 — group lead: row III.4 gives every unit its own task; the row completes when all have, and says which were late', async () => {
    const parent = t.wf('past', 'III.4'); // due 2023-02-28: past
    const units = ['BTDKT', 'BTG', 'CCHC', 'CCVC', 'TCBC', 'TTLT', 'TTRA', 'VP'];
    const children = await stack.ds.query(
      `SELECT u.code, c.state, c.status_word FROM tasks c JOIN units u ON u.id = c.owner_unit_id JOIN tasks p ON p.id = c.parent_task_id
       WHERE p.workflow_id = $1 ORDER BY u.code`,
      [parent],
    );
    expect(children.map((c: { code: string }) => c.code)).toEqual(units);
    // Every unit's task is running and overdue: the dashboard shows it per unit.
    await eventually('every unit task recorded', async () => {
      const [r] = await stack.ds.query(`SELECT count(*)::int AS n FROM tasks c JOIN tasks p ON p.id = c.parent_task_id WHERE p.workflow_id = $1 AND c.version >= 1`, [parent]);
      return r.n === 8;
    });
    expect((await t.row(`${parent}/BTG`)).status_word).toBe('OPEN_OVERDUE');

    // Two units get a new date first and finish on time; the rest finish late.
    const onTime = ['BTG', 'CCHC'];
    for (const code of units) {
      const wf = `${parent}/${code}`;
      const head = `${code.toLowerCase()}.truongphong`;
      const deputy = ['VP', 'CCHC', 'TTRA', 'TTLT'].includes(code) ? 'pgd.a' : 'pgd.b';
      if (onTime.includes(code)) {
        await t.act(wf, 'requestExtension', head, { reason: 'Chờ hướng dẫn', newDueOn: CalendarDate.addDays(today, 5) });
        await t.act(wf, 'decideExtension', deputy, { decision: 'grant' });
      }
      await t.toApproval(wf, code);
      expect((await t.refused(wf, 'approve', deputy === 'pgd.a' ? 'pgd.b' : 'pgd.a')).code).toBe('FORBIDDEN');
      await t.act(wf, 'approve', deputy);
      expect((await t.row(wf)).status_word).toBe(onTime.includes(code) ? 'DONE_ON_TIME' : 'DONE_LATE');
    }
    const result = await stack.client.workflow.getHandle(parent).result();
    expect(result).toMatchObject({ state: 'COMPLETED', lateUnitCodes: units.filter((u) => !onTime.includes(u)) });
    const row = await t.row(parent);
    expect(row).toMatchObject({ state: 'COMPLETED' });
    const types = await t.types(parent);
    expect(types[0]).toBe('CREATED');
    expect(types.filter((x) => x === 'UNIT_TASK_FINISHED')).toHaveLength(8);
    expect(types.at(-1)).toBe('COMPLETED');
    await t.record(parent, 'group-task-iii4');
    await t.record(`${parent}/BTG`, 'lifecycle-group-child-extended-btg');
  });

  it('scenario 9 — continuous task: row I.3 owes a report each period; a missed report shows overdue; reports are submitted and acknowledged', async () => {
    const next = t.wf('next', 'I.3');
    let s = await t.commands.snapshot(next);
    expect(s.mode).toBe('recurring');
    expect(s.rounds!.map((r) => `${r.key}:${r.dueOn}:${r.state}`)).toEqual([
      `${Y}-Q1:${Y}-03-14:UPCOMING`,
      `${Y}-H1:${Y}-06-14:UPCOMING`,
      `${Y}-Q3:${Y}-09-14:UPCOMING`,
      `${Y}-Y:${Y}-12-14:UPCOMING`,
    ]);
    expect((await t.refused(next, 'submitReport', 'vp.truongphong', { roundKey: `${Y}-Q1`, text: 'sớm' })).code).toBe('INVALID_STATE');
    expect(await t.row(next)).toMatchObject({ state: 'DRAFTING', status_word: 'OPEN_ON_TIME', due_on: `${Y}-03-14` });

    // The 2023 copy: every period is over, every report is owed and late.
    const past = t.wf('past', 'I.3');
    await eventually('rounds of 2023 opened', async () => (await t.commands.snapshot(past)).rounds!.every((r) => r.state === 'OPEN'));
    let row = await t.row(past);
    expect(row).toMatchObject({ status_word: 'OPEN_OVERDUE', due_on: '2023-03-14' });
    expect(row.waiting_on.kind).toBe('lead_unit');
    expect((await t.refused(past, 'submitReport', 'vp.truongphong', { roundKey: '2023-Q2', text: 'x' })).code).toBe('ROUND_NOT_FOUND');
    for (const round of ['2023-Q1', '2023-H1', '2023-Q3', '2023-Y']) {
      s = await t.act(past, 'submitReport', 'vp.truongphong', { roundKey: round, text: `Báo cáo ${round}` });
      expect((await t.refused(past, 'acknowledgeReport', 'btg.truongphong', { roundKey: round })).code).toBe('FORBIDDEN');
      s = await t.act(past, 'acknowledgeReport', 'vp.chuyenvien', { roundKey: round });
    }
    expect(s.state).toBe('COMPLETED'); // the plan's year is over and every report is in
    row = await t.row(past);
    expect(row.state).toBe('COMPLETED');
    const events = await t.events(past);
    expect(events.filter((e) => e.type === 'REPORT_SUBMITTED').map((e) => e.payload.late)).toEqual([true, true, true, true]);
    expect(events.at(-1)).toMatchObject({ type: 'COMPLETED', payload: { lateRounds: ['2023-Q1', '2023-H1', '2023-Q3', '2023-Y'] } });
    await t.record(past, 'lifecycle-recurring-i3');
  });

  describe('scenario 10 — permissions, racing approvals, KT. signature', () => {
    let wf: string;

    beforeAll(async () => {
      ({ workflowId: wf } = await provisionAdHocTask(stack.ds, stack.starter, {
        organizationCode: stack.org.code,
        taskKey: 'permissions',
        title: 'Dự thảo báo cáo của Văn phòng Sở',
        ownerUnitCode: 'VP',
        dueOn: CalendarDate.addDays(today, 30),
      }));
      await eventually('task created', async () => (await t.row(wf)).version >= 1);
    });

    it('an officer of Ban Tôn giáo cannot act on Văn phòng Sở\'s draft; an admin makes no task decisions', async () => {
      await t.act(wf, 'saveDraft', 'vp.chuyenvien', { text: 'Dự thảo báo cáo' });
      expect((await t.refused(wf, 'saveDraft', 'btg.chuyenvien', { text: 'sửa' })).code).toBe('FORBIDDEN');
      expect((await t.refused(wf, 'comment', 'btg.chuyenvien', { text: 'góp ý' })).code).toBe('FORBIDDEN');
      expect((await t.refused(wf, 'submit', 'btg.truongphong')).code).toBe('FORBIDDEN');
      expect((await t.refused(wf, 'submit', 'vp.chuyenvien')).code).toBe('FORBIDDEN'); // officers draft, heads submit
      expect((await t.refused(wf, 'cancel', 'quantri', { reason: 'x' })).code).toBe('FORBIDDEN');
      const refusal = await t.refused(wf, 'saveDraft', 'btg.chuyenvien', { text: 'sửa' });
      expect(refusal.message).toMatch(/đơn vị chủ trì/);
      const types = await t.types(wf);
      expect(types).toEqual(['CREATED', 'DRAFT_SAVED']); // nothing of the refused actions is stored
    });

    it('the same action twice with one idempotency key applies once; a stale version is refused', async () => {
      const before = await t.row(wf);
      const a = await t.act(wf, 'comment', 'vp.truongphong', { text: 'Một lần thôi' }, 'same-key');
      const b = await t.act(wf, 'comment', 'vp.truongphong', { text: 'Một lần thôi' }, 'same-key');
      expect(b.version).toBe(a.version);
      expect(b.commentCount).toBe(a.commentCount);
      expect((await t.types(wf)).filter((x) => x === 'COMMENTED')).toHaveLength(1);
      expect((await t.row(wf)).version).toBe(before.version + 1);
      const stale = await t.refused(wf, 'comment', 'vp.truongphong', { text: 'cũ', expectedVersion: before.version });
      expect(stale.code).toBe('STALE_VERSION');
    });

    it('a deputy cannot approve outside the portfolio; two approvers at once: one wins, the other gets a conflict', async () => {
      await t.act(wf, 'submit', 'vp.truongphong');
      expect((await t.row(wf)).state).toBe('AWAITING_APPROVAL');
      expect((await t.refused(wf, 'approve', 'pgd.b')).code).toBe('FORBIDDEN');
      const { version } = await t.row(wf);
      const outcomes = await Promise.allSettled([
        t.act(wf, 'approve', 'pgd.a', { expectedVersion: version }),
        t.act(wf, 'return', 'giamdoc', { comment: 'Xem lại', expectedVersion: version }),
      ]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(['STALE_VERSION', 'TASK_CLOSED', 'INVALID_STATE']).toContain(lost[0].reason.code);
      const decisions = (await t.types(wf)).filter((x) => x === 'APPROVED' || x === 'RETURNED');
      expect(decisions).toHaveLength(1);
    });

    it('a deputy approving on behalf of the director is recorded as "KT." with both names', async () => {
      const { workflowId } = await provisionAdHocTask(stack.ds, stack.starter, {
        organizationCode: stack.org.code,
        taskKey: 'kt',
        title: 'Báo cáo của Thanh tra Sở',
        ownerUnitCode: 'TTRA',
        dueOn: CalendarDate.addDays(today, 30),
      });
      await eventually('task created', async () => (await t.row(workflowId)).version >= 1);
      await t.toApproval(workflowId, 'TTRA');
      // TTRA is deputy A's; deputy B signs for the director, with the director's authority.
      expect((await t.refused(workflowId, 'approve', 'pgd.b')).code).toBe('FORBIDDEN');
      const s = await t.act(workflowId, 'approve', 'pgd.b>giamdoc');
      expect(s.state).toBe('COMPLETED');
      const approved = (await t.events(workflowId)).at(-1)!;
      const deputy = await t.actor('pgd.b');
      const director = await t.actor('giamdoc');
      expect(approved).toMatchObject({ type: 'APPROVED', actor_user_id: deputy.userId, on_behalf_of_user_id: director.userId });
      expect(approved.payload).toMatchObject({ signedAs: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC', signerName: 'Trần Quốc Việt', onBehalfOfName: 'Lê Minh Tuấn' });
      await t.record(workflowId, 'lifecycle-kt-approval');
    });
  });
});
