import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { day, provisionTask, route } from '../api/support';
import { grantKt } from '../support/delegation';
import { eventually, useStack } from '../support/stack';
import { ARTIFACTS, axeProblems, DESKTOP, PHONE, ROOT, settledBox, shoot as shootIn, useWebApp } from './support';

type Body = Record<string, unknown>;

/** Its own folder: web.e2e-spec.ts starts ARTIFACTS afresh, maybe while this file runs beside it. */
const WALK_ARTIFACTS = join(ARTIFACTS, '..', 'web-walk');
const shoot = (page: Page, name: string, opts: Parameters<typeof shootIn>[2] = {}) => shootIn(page, name, { dir: WALK_ARTIFACTS, ...opts });

/** Seed 004: a prose plan (no appendix table), whose tasks are proposed from its sentences. */
const SEED_004 = resolve(__dirname, '../fixtures/seeds/004_ae6ed311de1af7f1.txt');
const EDITED = 'Xây dựng báo cáo cải cách hành chính quý I (đã sửa)';
const WALK_TITLE = 'Xây dựng Kế hoạch cải cách hành chính năm của Văn phòng Sở';
const ASSIGN_NOTE = 'Đồng chí Mai chủ trì dự thảo, báo cáo trước ngày 10';
const DRAFT = 'Dự thảo Kế hoạch cải cách hành chính: 5 nhóm nhiệm vụ, 18 chỉ tiêu';
const HANDOFF = 'Đã hoàn thành dự thảo, kính trình đồng chí Chánh Văn phòng xem xét, trình';
const NOTE = 'Đã lồng ghép số liệu quý I của các phòng';
const INSTRUCTION = 'Bổ sung số liệu của năm trước và ý kiến của Phòng Tổ chức, biên chế';
const NOTE_AGAIN = 'Đã bổ sung số liệu năm trước theo ý kiến chỉ đạo';
const DISAGREEMENT = 'Chưa tách vị trí kiêm nhiệm';

interface StoredCandidate {
  id: string;
  title: string;
  leadUnitCode: string | null;
  leadGroup: string | null;
  exhortation: boolean;
}

/**
 * The done-when walk of the web issue (19) in real Chromium, every step through the screens
 * (clicks and typing) at 1366×768 and, for the approval, 390×844: the head of VP gives the task to
 * the unit's officer from the directory ("Giao cho cán bộ"); the officer drafts and hands it to the
 * head (draft at 100 % and a message in "Trao đổi"); the head submits it with a note, which the
 * coordinating unit's head reads on the review page and answers; the deputy in charge reads the note
 * on the task page and returns it; the officer finds the notification, opens the task and reads
 * the banner (who, when, instruction), redrafts; the head submits again, TCBC agrees, and the deputy
 * approves from her phone's quick view. The assign and submit buttons are exactly the API's
 * `availableActions` at every step. The monitor curates seed 004 (a prose plan: three candidates
 * kept, one retitled, leads from the directory, a timeline read as it is typed), with no table
 * parser error on the page before or after the confirmation, and searches the plan's overdue list.
 * axe-core finds no serious or critical violation on any page visited. Also here, set up over HTTP
 * (one stack for all): the board's "Phối hợp không đồng ý" badge, and KT. from the grants.
 * Screens: .data/test-artifacts/web-walk/; UPDATE_SCREENSHOTS=1 refreshes
 * docs/screenshots/returned-task.png and import-curation.png.
 */
describe('web app in Chromium: the done-when walk (assign, hand-off, note, review, return, phone approval, curation)', () => {
  const stack = useStack('web-walk');
  const ids: Record<string, string> = {};
  const web = useWebApp(stack, 'web-walk', {
    prepare: async () => {
      mkdirSync(WALK_ARTIFACTS, { recursive: true });
      const specs = {
        WALK: { title: WALK_TITLE, owner: 'VP', coordinating: ['TCBC'], dueOn: day(25) },
        DISAGREED: { title: 'Đề án sắp xếp vị trí việc làm của Văn phòng', owner: 'VP', coordinating: ['TCBC'], dueOn: day(25) },
        PLAIN: { title: 'Lập danh mục hồ sơ điện tử của Văn phòng', owner: 'VP', dueOn: day(30) },
      };
      await Promise.all(Object.entries(specs).map(async ([key, spec]) => (ids[key] = (await provisionTask(stack, { key: `web-walk-${key}`, ...spec })).taskId)));
      await grantKt(stack.ds, stack.org.code, 'pgd.b');
    },
  });
  const { browsers } = web;

  const act = async (who: string, key: string, action: string, body: Body = {}): Promise<Body> => {
    const res = await web.people.post(who, `/tasks/${ids[key]}/${route(action)}`, body);
    if (res.status !== 200) throw new Error(`${action} by ${who} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.task as Body;
  };
  const toast = (page: Page, text: string | RegExp) => page.locator('.mantine-Notification-root').filter({ hasText: text }).first().waitFor();
  const stateOf = async (key: string) => ((await stack.ds.query(`SELECT state FROM tasks WHERE id = $1`, [ids[key]]))[0] as { state: string }).state;
  /** The actions the API offers this person on the task now. */
  const offered = async (who: string, key: string): Promise<string[]> => {
    const res = await web.people.get(who, `/tasks/${ids[key]}`);
    expect(res.status).toBe(200);
    return (res.body.availableActions as Array<{ action: string }>).map((a) => a.action);
  };
  /**
   * The assign and submit buttons of the task page are there exactly when the API offers the
   * action (availableActions): read from the page as it is, compared with GET /tasks/:id.
   */
  const buttonsFollowTheApi = async (page: Page, who: string, key: string) => {
    const actions = await offered(who, key);
    const shown = {
      assign: (await page.getByRole('button', { name: 'Giao cho cán bộ…' }).count()) > 0,
      submit: (await page.getByRole('button', { name: /^Trình (lấy ý kiến phối hợp|lãnh đạo phê duyệt)$/ }).count()) > 0,
    };
    expect({ who, ...shown }).toEqual({ who, assign: actions.includes('assign'), submit: actions.includes('submit') });
    return shown;
  };
  const openTask = async (page: Page, key: string) => {
    await page.goto(`/tasks/${ids[key]}`);
    await page.getByTestId('task-facts').waitFor();
    await page.getByRole('heading', { name: 'Việc cần làm' }).waitFor();
  };
  const axeClean = async (page: Page) => expect(await axeProblems(page)).toEqual([]);

  it('the head assigns a named officer; the officer drafts and hands off; the head submits with a note; TCBC answers; the deputy reads the note and returns it', async () => {
    // The head of VP: no draft yet, so no submission is offered; the assignment is.
    const head = await browsers.as('vp.truongphong', DESKTOP);
    await openTask(head, 'WALK');
    expect(await buttonsFollowTheApi(head, 'vp.truongphong', 'WALK')).toEqual({ assign: true, submit: false });
    await axeClean(head);
    await head.getByRole('button', { name: 'Giao cho cán bộ…' }).click();
    const assign = head.getByRole('dialog', { name: 'Giao nhiệm vụ cho cán bộ của đơn vị' });
    await assign.getByRole('button', { name: 'Giao việc' }).click();
    await assign.getByText('Chọn cán bộ được giao.').waitFor(); // a person is required
    await assign.getByRole('combobox', { name: 'Cán bộ được giao' }).click();
    // The unit's officers from the directory (GET /units/VP/people): the head himself is no officer.
    const officerOption = head.getByRole('option', { name: 'Trần Thị Mai — Chuyên viên' });
    await officerOption.waitFor();
    expect(await head.getByRole('option').allInnerTexts()).toEqual(['Trần Thị Mai — Chuyên viên']);
    await officerOption.click();
    await assign.getByLabel('Ghi chú giao việc').fill(ASSIGN_NOTE);
    await axeClean(head);
    await shoot(head, 'walk-01-assign', { keepScroll: true });
    await assign.getByRole('button', { name: 'Giao việc' }).click();
    await toast(head, 'Đã giao nhiệm vụ cho Trần Thị Mai — Chuyên viên.');
    await head.getByTestId('task-facts').filter({ hasText: /Cán bộ được giao\s*Trần Thị Mai — Chuyên viên/ }).waitFor();
    const [assigned] = await stack.ds.query(`SELECT u.username FROM tasks t JOIN users u ON u.id = t.assignee_user_id WHERE t.id = $1`, [ids.WALK]);
    expect(assigned.username).toMatch(/\.vp\.chuyenvien$/);

    // The officer: told of the assignment; neither assigns nor submits (the API offers neither).
    const officer = await browsers.as('vp.chuyenvien', DESKTOP);
    await eventually('the officer is told of the assignment', async () => {
      const res = await web.people.get('vp.chuyenvien', '/me/notifications', { limit: 50 });
      return (res.body.items as Array<{ taskId: string; type: string }>).some((n) => n.taskId === ids.WALK && n.type === 'ASSIGNED');
    });
    await officer.goto('/board');
    const row = officer.locator(`[data-testid="task-table"] tr[data-task-id="${ids.WALK}"]`);
    await row.waitFor();
    await axeClean(officer);
    await row.getByRole('link', { name: WALK_TITLE }).click();
    await officer.getByTestId('draft-editor').waitFor();
    expect(await buttonsFollowTheApi(officer, 'vp.chuyenvien', 'WALK')).toEqual({ assign: false, submit: false });
    await officer.getByLabel('Nội dung dự thảo').fill(DRAFT);
    await officer.getByLabel('Tiến độ thực hiện (%)').fill('100');
    await officer.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await toast(officer, 'Đã lưu dự thảo.');
    // The hand-off: a message to the head in "Trao đổi".
    await officer.getByRole('tab', { name: /^Trao đổi/ }).click();
    await officer.getByLabel('Ý kiến trao đổi').fill(HANDOFF);
    await officer.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await toast(officer, 'Đã gửi ý kiến.');
    await officer.getByText(HANDOFF).waitFor();
    await axeClean(officer);
    await shoot(officer, 'walk-02-handoff');
    expect(await buttonsFollowTheApi(officer, 'vp.chuyenvien', 'WALK')).toEqual({ assign: false, submit: false });

    // The hand-off is heard: the draft at 100 % told the head (DRAFT_READY), in his notifications.
    await eventually('the head is told the draft is ready', async () => {
      const res = await web.people.get('vp.truongphong', '/me/notifications', { limit: 50 });
      return (res.body.items as Array<{ taskId: string; type: string; title: string }>).some(
        (n) => n.taskId === ids.WALK && n.type === 'DRAFT_READY' && n.title.startsWith('Dự thảo đã hoàn thành'),
      );
    });
    await head.goto('/notifications');
    await head
      .getByTestId('notification-list')
      .locator('[data-notification-id]')
      .filter({ has: head.locator(`a[href="/tasks/${ids.WALK}"]`) })
      .filter({ hasText: 'Dự thảo đã hoàn thành' })
      // Its kind, as the API names it (the event's label): not "Thông báo khác" as the web's own list once said.
      .filter({ hasText: 'Dự thảo sẵn sàng để trình' })
      .first()
      .waitFor();

    // The head: the officer's draft and message, now a submission is offered; he submits with a note.
    await openTask(head, 'WALK');
    expect(await head.getByLabel('Nội dung dự thảo').inputValue()).toBe(DRAFT);
    await head.getByRole('tab', { name: /^Trao đổi/ }).click();
    await head.getByText(HANDOFF).waitFor();
    expect(await buttonsFollowTheApi(head, 'vp.truongphong', 'WALK')).toEqual({ assign: true, submit: true });
    await head.getByRole('button', { name: 'Trình lấy ý kiến phối hợp' }).click();
    const submit = head.getByRole('dialog', { name: 'Trình lấy ý kiến phối hợp' });
    await submit.getByLabel('Ghi chú khi trình').fill(NOTE);
    await axeClean(head);
    await submit.getByRole('button', { name: 'Trình', exact: true }).click();
    await toast(head, 'Đã trình lấy ý kiến phối hợp.');
    await head.getByTestId('state-label').filter({ hasText: 'Đang lấy ý kiến phối hợp' }).waitFor();
    expect(await buttonsFollowTheApi(head, 'vp.truongphong', 'WALK')).toMatchObject({ submit: false });
    await head.getByRole('tab', { name: 'Dự thảo', exact: true }).click();
    expect(await head.getByTestId('submission-note').innerText()).toContain(NOTE);

    // The coordinating unit's head: the request on the board, the note beside the draft, an answer with a comment.
    const reviewer = await browsers.as('tcbc.truongphong', DESKTOP);
    await reviewer.goto('/board');
    const requests = reviewer.getByTestId('review-requests');
    await requests.filter({ hasText: WALK_TITLE }).waitFor();
    await axeClean(reviewer);
    await requests.getByRole('link', { name: 'Cho ý kiến' }).click();
    await reviewer.getByTestId('review-form').waitFor();
    expect(await reviewer.getByTestId('draft-view').innerText()).toContain(DRAFT);
    expect(await reviewer.getByTestId('submission-note').innerText()).toContain(NOTE);
    await reviewer.getByLabel('Đồng ý, có góp ý').check();
    await reviewer.getByLabel('Nội dung góp ý').fill('Bổ sung chỉ tiêu số hóa hồ sơ');
    await axeClean(reviewer);
    await shoot(reviewer, 'walk-03-review-with-note', { fullPage: true });
    await reviewer.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await reviewer.getByTestId('review-done').waitFor();
    await eventually('the review concluded', async () => (await stateOf('WALK')) === 'AWAITING_APPROVAL');

    // The deputy in charge: from the inbox to the task page, the note and the opinion, then a return.
    const deputy = await browsers.as('pgd.a', DESKTOP);
    await deputy.goto('/inbox');
    const inboxRow = deputy.locator(`[data-testid="task-table"] tr[data-task-id="${ids.WALK}"]`);
    await inboxRow.waitFor();
    await axeClean(deputy);
    await inboxRow.getByRole('link', { name: WALK_TITLE }).click();
    await deputy.getByTestId('task-facts').waitFor();
    expect(await deputy.getByTestId('submission-note').innerText()).toContain(NOTE);
    await deputy.getByRole('tab', { name: 'Ý kiến phối hợp' }).click();
    expect(await deputy.getByTestId('opinions-view').innerText()).toMatch(/Phòng Tổ chức, biên chế[\s\S]*Đồng ý, có góp ý[\s\S]*Bổ sung chỉ tiêu số hóa hồ sơ/);
    await axeClean(deputy);
    await deputy.getByRole('button', { name: 'Trả lại', exact: true }).click();
    const back = deputy.getByRole('dialog', { name: 'Trả lại để chỉnh sửa' });
    await back.getByLabel('Nội dung cần chỉnh sửa').fill(INSTRUCTION);
    await back.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await toast(deputy, 'Đã trả lại cho đơn vị chủ trì.');
    expect(await stateOf('WALK')).toBe('DRAFTING');
  }, 300_000);

  it('the officer sees the notification and the banner (who, when, instruction), redrafts; the head resubmits; TCBC agrees; the deputy approves from her phone', async () => {
    const officer = await browsers.as('vp.chuyenvien', DESKTOP);
    await eventually('the officer is told of the return', async () => {
      const res = await web.people.get('vp.chuyenvien', '/me/notifications', { limit: 50 });
      return (res.body.items as Array<{ taskId: string; type: string }>).some((n) => n.taskId === ids.WALK && n.type === 'RETURNED');
    });
    await officer.goto('/notifications');
    const told = officer.getByTestId('notification-list').locator('[data-notification-id]').filter({ has: officer.locator(`a[href="/tasks/${ids.WALK}"]`) }).filter({ hasText: 'Lãnh đạo trả lại' });
    await told.waitFor();
    expect(await told.innerText()).toContain(INSTRUCTION);
    await axeClean(officer);
    await shoot(officer, 'walk-04-notification');
    await told.getByRole('link').first().click();
    await officer.waitForURL(`**/tasks/${ids.WALK}`);
    const banner = officer.getByTestId('returned-banner');
    await banner.waitFor();
    const bannerText = await banner.innerText();
    expect(bannerText).toContain(INSTRUCTION);
    expect(bannerText).toContain('Phó Giám đốc Nguyễn Thị Phương');
    expect(bannerText).toMatch(/\d{2}\/\d{2}\/\d{4}/); // when
    await axeClean(officer);
    const png = await shoot(officer, 'walk-05-returned-task', { settle: 800 });
    if (process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(png, join(ROOT, 'docs', 'screenshots', 'returned-task.png'));
    // The board marks it.
    await officer.goto('/board?tab=draft');
    const onBoard = officer.locator(`[data-task-id="${ids.WALK}"] [data-sent-back]`);
    await onBoard.waitFor();
    expect(await onBoard.innerText()).toBe('Bị trả lại');
    await openTask(officer, 'WALK');
    await officer.getByLabel('Nội dung dự thảo').fill(`${DRAFT}; số liệu năm trước đã bổ sung`);
    await officer.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await toast(officer, 'Đã lưu dự thảo.');

    // The head submits again with a new note; TCBC agrees.
    const head = await browsers.as('vp.truongphong', DESKTOP);
    await openTask(head, 'WALK');
    await head.getByTestId('returned-banner').waitFor(); // the head sees it too
    expect(await buttonsFollowTheApi(head, 'vp.truongphong', 'WALK')).toEqual({ assign: true, submit: true });
    await head.getByRole('button', { name: 'Trình lấy ý kiến phối hợp' }).click();
    const submit = head.getByRole('dialog', { name: 'Trình lấy ý kiến phối hợp' });
    await submit.getByLabel('Ghi chú khi trình').fill(NOTE_AGAIN);
    await submit.getByRole('button', { name: 'Trình', exact: true }).click();
    await toast(head, 'Đã trình lấy ý kiến phối hợp.');
    await head.getByTestId('returned-banner').waitFor({ state: 'detached' }); // the instruction is answered
    const reviewer = await browsers.as('tcbc.truongphong', DESKTOP);
    await reviewer.goto(`/tasks/${ids.WALK}/review`);
    await reviewer.getByTestId('review-form').waitFor();
    expect(await reviewer.getByTestId('submission-note').innerText()).toContain(NOTE_AGAIN);
    await reviewer.getByRole('button', { name: 'Gửi ý kiến' }).click(); // "Đồng ý" is the default
    await reviewer.getByTestId('review-done').waitFor();
    await eventually('the second review concluded', async () => (await stateOf('WALK')) === 'AWAITING_APPROVAL');

    // The deputy on her phone: the inbox card, the quick view with the note, approve in the bottom bar.
    const phone = await browsers.as('pgd.a', PHONE);
    await phone.goto('/inbox');
    const card = phone.getByTestId('task-cards').locator(`[data-task-id="${ids.WALK}"]`);
    await card.waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    await axeClean(phone);
    await card.getByRole('button', { name: /Xem nhanh/ }).click();
    const preview = phone.getByTestId('task-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('submission-note').innerText()).toContain(NOTE_AGAIN);
    const bar = phone.getByTestId('preview-decision-bar');
    const box = await settledBox(bar);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height + 1);
    await axeClean(phone);
    await shoot(phone, 'walk-06-phone-quick-view', { keepScroll: true });
    await bar.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    const approve = phone.getByRole('dialog', { name: 'Phê duyệt nhiệm vụ' });
    await approve.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await toast(phone, 'Nhiệm vụ đã được phê duyệt.');
    expect(await stateOf('WALK')).toBe('COMPLETED');
    await card.waitFor({ state: 'detached' });

    // The history keeps both notes, the return and the approval.
    await openTask(officer, 'WALK');
    await officer.getByRole('tab', { name: 'Lịch sử' }).click();
    const history = await officer.getByTestId('history-view').innerText();
    expect(history).toMatch(/Lãnh đạo phê duyệt, hoàn thành/);
    expect(history).toContain(`Ghi chú: ${NOTE}`);
    expect(history).toContain(`Ghi chú: ${NOTE_AGAIN}`);
    expect(history).toContain(`Ý kiến: ${INSTRUCTION}`);
    // Done: nobody is offered to assign or submit any more.
    expect(await buttonsFollowTheApi(officer, 'vp.chuyenvien', 'WALK')).toEqual({ assign: false, submit: false });
    await axeClean(officer);
  }, 300_000);

  it('the monitor curates seed 004 (no table error before or after), confirms three tasks, and searches the plan’s overdue list', async () => {
    const page = await browsers.as('vp.truongphong', DESKTOP);
    await page.goto('/import');
    await page.getByRole('heading', { name: 'Nhập kế hoạch' }).waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'ke-hoach-cchc-2024.txt', mimeType: 'text/plain', buffer: readFileSync(SEED_004) });
    await page.getByRole('button', { name: 'Tải lên và xem trước' }).click();
    const curation = page.getByTestId('prose-curation');
    // The preview (prose read, candidates proposed) may take a while on a busy machine.
    await curation.or(page.locator('.mantine-Alert-root[role="alert"]')).first().waitFor({ timeout: 90_000 });
    if (!(await curation.count())) throw new Error(`no curation on the page:\n${await page.locator('main').innerText()}`);
    // A prose plan has no appendix table: the table parser's "no header" is no error here.
    const tableError = page.locator('[data-issue="HEADER_NOT_FOUND"]').or(page.getByText('Không tìm thấy dòng tiêu đề của bảng phụ lục'));
    expect(await tableError.count()).toBe(0);
    expect(await page.getByTestId('import-summary').innerText()).toMatch(/0 lỗi/);
    // No confirmation of the table kind beside the curation: it has its own.
    expect(await page.getByRole('button', { name: /Xác nhận nhập/ }).count()).toBe(0);

    // Three proposed duties (not exhortations, not group-led), read from the stored preview. The seed is
    // another organization's plan: its units are not in this directory, the monitor picks each lead.
    const [stored] = await stack.ds.query(`SELECT id, parse_result FROM plan_imports WHERE organization_id = $1 AND status = 'previewed'`, [stack.org.organizationId]);
    const all = stored.parse_result.candidates as StoredCandidate[];
    const keep = all.filter((c) => !c.leadGroup && !c.exhortation).slice(0, 3);
    expect(keep).toHaveLength(3);
    expect(await curation.locator('[data-candidate-id]').count()).toBe(all.length);
    const first = curation.locator(`[data-candidate-id="${keep[0].id}"]`);
    expect((await first.getByTestId('candidate-source').first().innerText()).length).toBeGreaterThan(20); // the sentence it came from

    // Untick every candidate at once, tick the three.
    await curation.getByRole('button', { name: 'Bỏ chọn tất cả' }).click();
    const confirm = curation.getByTestId('confirm-candidates');
    expect(await confirm.isDisabled()).toBe(true);
    for (const c of keep) await curation.locator(`[data-candidate-id="${c.id}"]`).getByRole('checkbox').check();
    expect(await confirm.innerText()).toBe('Tạo 3 nhiệm vụ đã chọn');
    expect(await curation.innerText()).toContain(`${all.length - 3} đề xuất không chọn sẽ không được tạo.`);

    // The first gets a new title and a timeline read as it is typed; each gets its lead from the directory (typed without diacritics).
    await first.getByLabel('Tên nhiệm vụ').fill(EDITED);
    await first.getByLabel('Thời gian thực hiện').fill('Trước ngày 31/3/2024');
    await first.getByTestId('timeline-reading').filter({ hasText: 'hạn 31/03/2024' }).waitFor();
    for (const c of keep) {
      if (c.leadUnitCode === 'VP') continue;
      const lead = curation.locator(`[data-candidate-id="${c.id}"]`).getByRole('combobox', { name: 'Đơn vị chủ trì' });
      await lead.click();
      await lead.fill('van phong');
      await page.getByRole('option', { name: /^VP — / }).click();
      expect(await lead.inputValue()).toMatch(/^VP — /);
    }
    await axeClean(page);
    await first.scrollIntoViewIfNeeded();
    const png = await shoot(page, 'walk-07-curation', { keepScroll: true });
    if (process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(png, join(ROOT, 'docs', 'screenshots', 'import-curation.png'));

    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    const done = page.getByTestId('curation-done');
    await done.waitFor();
    expect(await done.innerText()).toMatch(/Đã nhập 3 nhiệm vụ mới từ 3 nhiệm vụ đề xuất đã chọn/);
    // Confirmed: no table parser error, nothing to discard any more.
    expect(await tableError.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Hủy bản nhập này' }).count()).toBe(0);
    await axeClean(page);
    await shoot(page, 'walk-08-curation-confirmed');

    const [imported] = await stack.ds.query(`SELECT status, plan_id FROM plan_imports WHERE id = $1`, [stored.id]);
    expect(imported.status).toBe('confirmed');
    const tasks = (await stack.ds.query(`SELECT title, u.code AS lead FROM tasks t JOIN units u ON u.id = t.owner_unit_id WHERE t.plan_id = $1 AND t.parent_task_id IS NULL ORDER BY title`, [
      imported.plan_id,
    ])) as Array<{ title: string; lead: string }>;
    expect(tasks.map((t) => t.title).sort()).toEqual([EDITED, keep[1].title, keep[2].title].sort());
    expect(tasks.map((t) => t.lead)).toEqual(['VP', 'VP', 'VP']);
    await eventually('the three workflows created their tasks', async () => {
      const [{ n }] = await stack.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE plan_id = $1 AND parent_task_id IS NULL AND version >= 1`, [imported.plan_id]);
      return n === 3;
    });

    // The answer's link opens the plan's dashboard; the monitor searches its overdue list (due 31/03/2024: overdue).
    await done.getByRole('link', { name: 'Xem tình hình thực hiện' }).click();
    await page.waitForURL(`**/dashboard/${imported.plan_id}`);
    const list = page.getByTestId('overdue-list');
    const editedRow = list.locator('tbody tr').filter({ hasText: EDITED });
    await eventually('the retitled task on the overdue list', async () => {
      if (await editedRow.count()) return true;
      await page.reload();
      await list.waitFor();
      return false;
    });
    // Without diacritics: "cai cach hanh chinh" finds "cải cách hành chính".
    await list.getByLabel('Tìm nhiệm vụ').fill('cai cach hanh chinh');
    await page.waitForURL(/q=cai(\+|%20)cach/);
    await list.getByRole('heading').filter({ hasText: /khớp tìm kiếm/ }).waitFor();
    const found = await list.locator('tbody tr').allInnerTexts();
    expect(found.length).toBeGreaterThan(0);
    for (const r of found) expect(r.toLowerCase()).toContain('cải cách hành chính');
    expect(found.some((r) => r.includes(EDITED) && r.includes('/2024'))).toBe(true);
    await axeClean(page);
    await shoot(page, 'walk-09-overdue-search');
  }, 420_000);

  it('the board badges a disagreed task (table and cards), an untouched one none; the deputy picks KT. from the grants; the director’s grant screen passes axe-core', async () => {
    await act('vp.chuyenvien', 'DISAGREED', 'saveDraft', { text: 'Đề án: 12 vị trí' });
    expect((await act('vp.truongphong', 'DISAGREED', 'submit')).state).toBe('IN_REVIEW');
    expect((await act('tcbc.truongphong', 'DISAGREED', 'review', { opinion: 'disagree', comment: DISAGREEMENT })).state).toBe('DRAFTING');
    await eventually('the read model has it sent back', async () => {
      const res = await web.people.get('vp.truongphong', '/tasks', { limit: 50 });
      const byId = new Map((res.body.items as Body[]).map((t) => [t.id, t.sentBack]));
      return byId.get(ids.DISAGREED) === 'disagreed' && byId.get(ids.PLAIN) === null;
    });
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await browsers.as('vp.truongphong', viewport);
      await page.goto('/board?tab=draft');
      const item = (key: string) => page.locator(`[data-task-id="${ids[key]}"]`);
      await item('DISAGREED').locator('[data-sent-back]').waitFor();
      expect(await item('DISAGREED').locator('[data-sent-back]').innerText()).toBe('Phối hợp không đồng ý');
      expect(await item('PLAIN').count()).toBe(1);
      expect(await item('PLAIN').locator('[data-sent-back]').count()).toBe(0);
      await axeClean(page);
      await shoot(page, `walk-10-board-${viewport.width}`, { fullPage: true });
    }

    const deputy = await browsers.as('pgd.b', DESKTOP);
    await deputy.getByTestId('user-menu').click();
    await deputy.getByRole('menuitem', { name: 'Ký thay Giám đốc (KT.)…' }).click();
    const kt = deputy.getByRole('dialog', { name: 'Ký thay Giám đốc (KT. Giám đốc)' });
    expect(await kt.getByLabel('Tên đăng nhập của Giám đốc').count()).toBe(0);
    expect(await kt.getByLabel('Ký thay theo ủy quyền').inputValue()).toBe('Giám đốc Lê Minh Tuấn');
    await axeClean(deputy);
    await kt.getByRole('button', { name: 'Bắt đầu ký thay' }).click();
    await deputy.getByTestId('signing-badge').waitFor();
    expect(await deputy.getByTestId('signing-badge').innerText()).toBe('KT. Giám đốc Lê Minh Tuấn');
    // Stop signing for the director: the header says so no more.
    await deputy.getByTestId('user-menu').click();
    await deputy.getByRole('menuitem', { name: 'Thôi ký thay Giám đốc' }).click();
    await deputy.getByTestId('signing-badge').waitFor({ state: 'detached' });

    // A person without a grant is not offered it.
    const other = await browsers.as('pgd.a', DESKTOP);
    const [{ n }] = await stack.ds.query(
      `SELECT count(*)::int AS n FROM delegation_grants d JOIN users u ON u.id = d.deputy_user_id WHERE u.username = $1`,
      [`${stack.org.code.toLowerCase()}.pgd.a`],
    );
    expect(n).toBe(0);
    await other.getByTestId('user-menu').click();
    await other.getByRole('menu').waitFor();
    expect(await other.getByRole('menuitem', { name: 'Ký thay Giám đốc (KT.)…' }).count()).toBe(0);
    await other.keyboard.press('Escape');

    const [deputyRow] = await stack.ds.query(`SELECT full_name FROM users WHERE username = $1`, [`${stack.org.code.toLowerCase()}.pgd.b`]);
    for (const viewport of [DESKTOP, PHONE]) {
      const director = await browsers.as('giamdoc', viewport);
      await director.goto('/delegations');
      await director.getByTestId('grant-list').waitFor();
      expect(await director.getByTestId('grant-list').innerText()).toContain(deputyRow.full_name);
      await axeClean(director);
      await shoot(director, `walk-11-delegations-${viewport.width}`, { fullPage: true });
    }
  }, 180_000);
});
