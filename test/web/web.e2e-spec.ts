import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { CalendarDate } from '@app/domain';
import { PlanImportReport } from '@app/temporal';
import { NEXT_YEAR as Y, route } from '../api/support';
import { importSeedPlan, seedPlanText } from '../lifecycle/support';
import { eventually, useStack } from '../support/stack';
import { ARTIFACTS, freshArtifacts, login, ROOT, shoot, TABLET, typecheckWebApp, useWebApp } from './support';

type Body = Record<string, unknown>;

const REVIEWERS = ['BTDKT', 'BTG', 'CCHC', 'CCVC', 'TCBC', 'TTLT', 'TTRA'];

/**
 * The web app (apps/web) in real headless Chromium against the real stack: the API app built by
 * createApiApp serves the production build of the app, the real worker runs the workflows. The
 * demo people walk scenario 2 (draft → review → approve) and the start of scenario 3 (a return; the rest is walk.e2e-spec.ts) through
 * the screens, the monitor previews and imports seed 003, and the dashboard shows that plan with
 * tasks done on time, done late and overdue. Every screen is saved under .data/test-artifacts/web/.
 */
describe('web app in Chromium: scenarios 2 and 3, import, dashboard', () => {
  const stack = useStack('web');
  let nextYear: PlanImportReport;
  let planOf2023 = '';
  let typecheck: { code: number; output: string };
  const user = (who: string) => `${stack.org.code.toLowerCase()}.${who}`;
  // The typecheck and the next-year plan's workflows run while the app is built.
  const web = useWebApp(stack, 'web', {
    prepare: async () => {
      freshArtifacts();
      const typechecked = typecheckWebApp();
      nextYear = await importSeedPlan(stack, Y);
      await eventually('every task of the next-year plan created by its workflow', async () => {
        const [{ waiting }] = await stack.ds.query(`SELECT count(*)::int AS waiting FROM tasks WHERE plan_id = $1 AND version = 0`, [nextYear.planId]);
        return waiting === 0;
      }, 120_000);
      typecheck = await typechecked;
    },
  });
  const { browsers } = web; // launched before the tests

  const rowTask = async (planId: string, rowKey: string): Promise<string> => {
    const [row] = await stack.ds.query(`SELECT id FROM tasks WHERE plan_id = $1 AND row_key = $2`, [planId, rowKey]);
    if (!row) throw new Error(`no row ${rowKey}`);
    return row.id;
  };
  /** An action over HTTP (preparing tasks the screens then show). */
  const act = async (who: string, id: string, action: string, body: Body = {}): Promise<Body> => {
    const res = await web.people.post(who, `/tasks/${id}/${route(action)}`, body);
    if (res.status !== 200) throw new Error(`${action} by ${who} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.task as Body;
  };
  const toApproval = async (id: string, unit: string, draft = 'Dự thảo'): Promise<void> => {
    const u = unit.toLowerCase();
    await act(`${u}.chuyenvien`, id, 'saveDraft', { text: draft, progressPercent: 100 });
    let task = await act(`${u}.truongphong`, id, 'submit');
    for (const code of task.pendingReviewUnitCodes as string[]) task = await act(`${code.toLowerCase()}.truongphong`, id, 'review', { opinion: 'agree' });
    expect(task.state).toBe('AWAITING_APPROVAL');
  };
  const taskRow = async (id: string) => {
    const [row] = await stack.ds.query(`SELECT state, status_word, version FROM tasks WHERE id = $1`, [id]);
    return row as { state: string; status_word: string; version: number };
  };
  const toast = (page: Page, text: string | RegExp) => page.locator('.mantine-Notification-root').filter({ hasText: text }).first().waitFor();

  it('apps/web typechecks with its own tsconfig; the API serves the build without swallowing its own routes', async () => {
    expect(typecheck.output).toBe('');
    expect(typecheck.code).toBe(0);
    const http = request(web.app.getHttpServer());
    const page = await http.get('/inbox').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<div id="root">');
    // /tasks/<id> is the link of notification e-mails: a browser gets the app, the app's fetch gets JSON.
    const id = await rowTask(nextYear.planId, 'II.2');
    expect((await http.get(`/tasks/${id}`).set('Accept', 'text/html')).text).toContain('<div id="root">');
    const json = await http.get(`/tasks/${id}`).set('Accept', 'application/json');
    expect([json.status, json.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await http.get('/health').set('Accept', 'text/html')).headers['content-type']).toMatch(/json/);
    expect((await http.get('/docs').set('Accept', 'text/html')).text).toMatch(/swagger/i);
    expect((await http.post('/inbox').set('Accept', 'text/html')).status).toBe(404);
    // Hashed assets: cached for good, gzip to browsers that take it.
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)![1];
    const asset = await http.get(script).set('Accept-Encoding', 'gzip');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  it('login: a wrong password is refused in Vietnamese; the keyboard alone logs in; the header shows the person, unit and role', async () => {
    const page = await browsers.newPage();
    await page.goto('/inbox');
    await page.waitForURL(/\/login$/);
    await page.getByRole('heading', { name: 'Theo dõi thực hiện kế hoạch' }).waitFor();
    await shoot(page, '01-login');
    await page.getByLabel('Tên đăng nhập').fill(user('btg.chuyenvien'));
    await page.getByLabel(/^Mật khẩu/).fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Không đăng nhập được' });
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/mật khẩu/i);

    // Keyboard only: the username field has the focus, Tab to the password, Enter submits.
    await page.getByLabel('Tên đăng nhập').fill('');
    await page.getByLabel('Tên đăng nhập').focus();
    await page.keyboard.type(user('btg.chuyenvien'));
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo1234');
    await page.keyboard.press('Enter');
    await page.getByTestId('user-menu').waitFor();
    await page.waitForURL(/\/board$/); // the leadership inbox is not an officer's: the unit board instead
    const header = await page.getByRole('banner').innerText();
    expect(header).toContain('Lý Thị Ngọc');
    expect(await page.getByTestId('user-line').innerText()).toBe('Chuyên viên · Ban Tôn giáo');
    await page.getByTestId('user-menu').click();
    expect(await page.getByRole('menu').innerText()).toMatch(/Vai trò: Chuyên viên/);
    await page.keyboard.press('Escape');
  });

  it('import: the monitor previews seed 003 (32 tasks, 7 sections, the footer warning), sees the errors of a broken copy by row, and imports it', async () => {
    const page = await browsers.as('vp.truongphong');
    await page.goto('/import');
    await page.getByRole('heading', { name: 'Nhập kế hoạch' }).waitFor();
    expect(await page.getByTestId('user-line').innerText()).toBe('Chánh Văn phòng · Văn phòng Sở · Theo dõi, đôn đốc');
    await page.getByTestId('empty-state').waitFor();

    // A copy with an unknown unit (III.1) and an impossible month (I.6): red rows, what to fix in the file.
    const broken = seedPlanText(2023).replace('\tBan Tôn giáo\tVăn phòng Sở\t', '\tBan Dân tộc\tVăn phòng Sở\t').replace('\tTháng 9/2023\t', '\tTháng 13/2023\t');
    await page.locator('input[type=file]').setInputFiles({ name: 'ke-hoach-loi.txt', mimeType: 'text/plain', buffer: Buffer.from(broken) });
    await page.getByRole('button', { name: 'Tải lên và xem trước' }).click();
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('unknown-units').waitFor();
    expect(await page.getByTestId('unknown-units').innerText()).toContain('Mục III, STT 1, cột “Chủ trì”: “Ban Dân tộc”');
    expect(await page.locator('tr[data-row="III.1"]').getAttribute('data-level')).toBe('error');
    expect(await page.locator('tr[data-row="I.6"]').getAttribute('data-level')).toBe('error');
    expect(await page.locator('tr[data-level="error"]').count()).toBe(2);
    expect(await page.getByRole('button', { name: /Xác nhận nhập/ }).isDisabled()).toBe(true);
    await page.getByText('Xem danh mục đơn vị').click();
    await page.getByRole('cell', { name: 'Ban Tôn giáo', exact: true }).waitFor();
    await shoot(page, '02-import-errors', { fullPage: true });
    await page.getByRole('button', { name: 'Hủy bản nhập này' }).click();
    await page.getByTestId('empty-state').waitFor();

    await page.locator('input[type=file]').setInputFiles({ name: 'ke-hoach-cchc-2023.txt', mimeType: 'text/plain', buffer: Buffer.from(seedPlanText(2023)) });
    await page.getByRole('button', { name: 'Tải lên và xem trước' }).click();
    await page.getByTestId('import-summary').waitFor();
    const summary = await page.getByTestId('import-summary').innerText();
    expect(summary).toMatch(/32\s+nhiệm vụ trong\s+7\s+mục/);
    expect(summary).toContain('Dòng tổng cộng ghi 33 nhiệm vụ');
    expect(await page.locator('[data-issue="DECLARED_TOTAL_MISMATCH"]').innerText()).toContain('Dòng tổng cộng ghi 33 nhiệm vụ nhưng bảng phụ lục có 32 nhiệm vụ');
    expect(await page.locator('tr[data-row]').count()).toBe(32);
    expect(await page.locator('tr[data-level="error"]').count()).toBe(0);
    expect(await page.locator('tr[data-row="II.2"]').innerText()).toMatch(/VP[\s\S]*Tất cả đơn vị thuộc, trực thuộc Sở[\s\S]*hạn 28\/02\/2023/);
    await shoot(page, '03-import-preview', { fullPage: true });

    const confirm = page.getByRole('button', { name: 'Xác nhận nhập 32 nhiệm vụ' });
    expect(await confirm.isDisabled()).toBe(true); // the warning must be accepted first
    await page.getByTestId('accept-warnings').check();
    await confirm.click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').innerText()).toMatch(/32 nhiệm vụ mới, 28 nhiệm vụ giao từng đơn vị/);
    const [plan] = await stack.ds.query(`SELECT id FROM plans WHERE organization_id = $1 AND start_year = 2023`, [stack.org.organizationId]);
    planOf2023 = plan.id;
    await eventually('every task of the 2023 plan created by its workflow', async () => {
      const [{ waiting }] = await stack.ds.query(`SELECT count(*)::int AS waiting FROM tasks WHERE plan_id = $1 AND version = 0`, [planOf2023]);
      return waiting === 0;
    }, 120_000);
  }, 240_000);

  it('scenario 2 — row II.2: the officer drafts and attaches a file, the head submits, seven units agree (two from their review page), the deputy approves from the leadership inbox', async () => {
    const id = await rowTask(nextYear.planId, 'II.2');
    // Other work in the deputy's inbox (and one overdue task of the 2023 plan, which sorts first).
    for (const row of ['VI.2', 'VII.8']) {
      const other = await rowTask(nextYear.planId, row);
      await act('ttlt.truongphong', other, 'nameCoordinatingUnits', { unitCodes: [] });
      await toApproval(other, 'TTLT', `Dự thảo ${row}`);
    }
    await toApproval(await rowTask(nextYear.planId, 'IV.1'), 'VP', 'Dự thảo kế hoạch biên chế');
    const late = await rowTask(planOf2023, 'VII.8');
    await act('ttlt.truongphong', late, 'nameCoordinatingUnits', { unitCodes: [] });
    await toApproval(late, 'TTLT', 'Phương án triển lãm thực tế ảo');

    // The officer: the task is on the unit board, to draft.
    const officer = await browsers.as('vp.chuyenvien');
    await officer.goto('/board');
    await officer.getByRole('heading', { name: 'Việc của Văn phòng Sở' }).waitFor();
    const row = officer.locator(`tr[data-task-id="${id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toMatch(/II\.2[\s\S]*28\/02\/\d{4}[\s\S]*Đang thực hiện trong hạn/);
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('OPEN_ON_TIME');
    await shoot(officer, '04-board');
    await row.getByRole('link').first().click();
    await officer.getByTestId('draft-editor').waitFor();
    await officer.getByLabel('Nội dung dự thảo').fill('Dự thảo Kế hoạch hệ thống hóa văn bản quy phạm pháp luật năm ' + Y);
    await officer.getByLabel('Tiến độ thực hiện (%)').fill('80');
    await officer.locator('input[type=file]').setInputFiles({ name: 'Kế hoạch hệ thống hóa.txt', mimeType: 'text/plain', buffer: Buffer.from('Kế hoạch hệ thống hóa văn bản\n') });
    await officer.getByTestId('draft-editor').getByText('Kế hoạch hệ thống hóa.txt').waitFor();
    // A wrong file, uploaded and taken back (gỡ tệp): off the server, an event of the history.
    await officer.locator('input[type=file]').setInputFiles({ name: 'nham-tep.txt', mimeType: 'text/plain', buffer: Buffer.from('Tệp tải nhầm\n') });
    await officer.getByTestId('draft-editor').getByText('nham-tep.txt').waitFor();
    await officer.getByRole('button', { name: 'Bỏ tệp nham-tep.txt' }).click();
    await toast(officer, 'Đã gỡ tệp "nham-tep.txt".');
    expect(await stack.ds.query(`SELECT name FROM attachments WHERE task_id = $1`, [id])).toEqual([{ name: 'Kế hoạch hệ thống hóa.txt' }]);
    await officer.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await toast(officer, 'Đã lưu dự thảo.');
    await shoot(officer, '05-task-draft');
    expect(await taskRow(id)).toMatchObject({ state: 'DRAFTING', version: 5 }); // two uploads, a removal, then the draft

    // The head submits it to the seven coordinating units.
    const head = await browsers.as('vp.truongphong');
    await head.goto(`/tasks/${id}`);
    await head.getByRole('button', { name: 'Trình lấy ý kiến phối hợp' }).click();
    const dialog = head.getByRole('dialog', { name: 'Trình lấy ý kiến phối hợp' });
    await dialog.getByRole('button', { name: 'Trình', exact: true }).click();
    await toast(head, 'Đã trình lấy ý kiến phối hợp.');
    expect(await head.getByTestId('state-label').innerText()).toBe('Đang lấy ý kiến phối hợp');

    // Two coordinating units' heads find it on the board and answer on the review page (the walk,
    // walk.e2e-spec.ts, answers there too); the other five answer over HTTP.
    for (const code of REVIEWERS.slice(2)) await act(`${code.toLowerCase()}.truongphong`, id, 'review', { opinion: 'agree' });
    for (const [i, code] of REVIEWERS.slice(0, 2).entries()) {
      const reviewer = await browsers.as(`${code.toLowerCase()}.truongphong`);
      await reviewer.goto('/board');
      const requests = reviewer.getByTestId('review-requests');
      await requests.waitFor();
      expect(await requests.innerText()).toContain('Xây dựng và triển khai Kế hoạch hệ thống hóa');
      await requests.getByRole('link', { name: 'Cho ý kiến' }).first().click();
      await reviewer.getByTestId('review-form').waitFor();
      expect(await reviewer.getByTestId('draft-view').innerText()).toContain('Kế hoạch hệ thống hóa.txt');
      if (i === 0) {
        await reviewer.getByLabel('Đồng ý, có góp ý').check();
        await reviewer.getByLabel('Nội dung góp ý').fill('Bổ sung tiến độ từng quý');
        await shoot(reviewer, '06-review');
      }
      await reviewer.getByRole('button', { name: 'Gửi ý kiến' }).click();
      await reviewer.getByTestId('review-done').waitFor();
      expect(await reviewer.getByTestId('review-done').innerText()).toContain('Đơn vị đã cho ý kiến');
    }
    expect(await taskRow(id)).toMatchObject({ state: 'AWAITING_APPROVAL' });

    // The deputy in charge: the leadership inbox, overdue first, then by deadline.
    const deputy = await browsers.as('pgd.a');
    await deputy.goto('/inbox');
    const inbox = deputy.getByTestId('task-table');
    await inbox.waitFor();
    const keys = await Promise.all((await inbox.locator('tbody tr').all()).map((r) => r.getAttribute('data-row-key')));
    expect(keys).toEqual(['VII.8', 'IV.1', 'II.2', 'VI.2', 'VII.8']); // 2023's VII.8 overdue, then due 31/01, 28/02, 30/04, 31/08
    expect(await inbox.locator('tbody tr').first().locator('[data-status]').getAttribute('data-status')).toBe('OPEN_OVERDUE');
    expect(await inbox.locator('tbody tr').first().innerText()).toMatch(/quá hạn [\d.]+ ngày/);
    expect(await deputy.getByRole('banner').innerText()).toContain('Nguyễn Thị Phương');
    expect(await deputy.getByTestId('user-line').innerText()).toMatch(/^Phó Giám đốc · Phụ trách (VP|CCHC|TTRA|TTLT)/);
    await shoot(deputy, 'inbox');
    const png = join(ARTIFACTS, 'inbox.png');
    expect(statSync(png).size).toBeLessThan(300 * 1024);
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
      copyFileSync(png, join(ROOT, 'docs', 'screenshots', 'inbox.png'));
    }

    // One click: the draft, the seven opinions, the history.
    await deputy.locator(`tr[data-task-id="${id}"]`).getByRole('button', { name: /Xem nhanh/ }).click();
    const preview = deputy.getByTestId('task-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('draft-view').innerText()).toMatch(/Dự thảo Kế hoạch hệ thống hóa[\s\S]*Tiến độ 80%[\s\S]*Kế hoạch hệ thống hóa\.txt/);
    await preview.getByRole('tab', { name: 'Ý kiến phối hợp' }).click();
    const opinions = preview.getByTestId('opinions-view');
    expect(await opinions.locator('tbody tr').count()).toBe(7);
    expect(await opinions.locator('tr[data-unit="BTDKT"]').innerText()).toMatch(/Đồng ý, có góp ý[\s\S]*Bổ sung tiến độ từng quý/);
    await shoot(deputy, '07-inbox-opinions');
    await preview.getByRole('tab', { name: 'Lịch sử' }).click();
    expect(await preview.getByTestId('history-view').innerText()).toMatch(/Hoàn tất lấy ý kiến, chuyển phê duyệt[\s\S]*Trình lấy ý kiến phối hợp[\s\S]*Cập nhật dự thảo[\s\S]*Tạo nhiệm vụ/);

    await preview.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    const approve = deputy.getByRole('dialog', { name: 'Phê duyệt nhiệm vụ' });
    expect(await approve.innerText()).toContain('Ghi nhận: Phó Giám đốc Nguyễn Thị Phương');
    await approve.getByLabel('Ý kiến chỉ đạo').fill('Đồng ý ban hành');
    await approve.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await toast(deputy, 'Nhiệm vụ đã được phê duyệt.');
    await deputy.locator(`tr[data-task-id="${id}"]`).waitFor({ state: 'detached' });

    // The task: "Hoàn thành đúng hạn" with its full history.
    await officer.goto(`/tasks/${id}`);
    await officer.getByTestId('state-label').waitFor();
    expect(await officer.locator('[data-status]').first().innerText()).toBe('Hoàn thành đúng hạn');
    expect(await officer.locator('[data-status]').first().getAttribute('data-status')).toBe('DONE_ON_TIME');
    await officer.getByRole('tab', { name: 'Lịch sử' }).click();
    const history = await officer.getByTestId('history-view').innerText();
    expect(history).toMatch(/Lãnh đạo phê duyệt, hoàn thành[\s\S]*Phó Giám đốc Nguyễn Thị Phương[\s\S]*Ý kiến: Đồng ý ban hành/);
    expect(history.match(/Đơn vị phối hợp cho ý kiến/g)).toHaveLength(7);
    await shoot(officer, '08-task-completed', { fullPage: true });
    expect(await taskRow(id)).toMatchObject({ state: 'COMPLETED', status_word: 'DONE_ON_TIME' });
  }, 300_000);

  it('scenario 3 — row IV.1: the deputy returns it from the inbox, a return needs its reasons', async () => {
    const id = await rowTask(nextYear.planId, 'IV.1');
    const deputy = await browsers.as('pgd.a');
    await deputy.goto('/inbox');
    const row = deputy.locator(`tr[data-task-id="${id}"]`);
    await row.getByRole('button', { name: 'Trả lại' }).click();
    const back = deputy.getByRole('dialog', { name: 'Trả lại để chỉnh sửa' });
    await back.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await back.getByText('Vui lòng nhập nội dung.').waitFor(); // a return needs its reasons
    await back.getByLabel('Nội dung cần chỉnh sửa').fill('Bổ sung số liệu biên chế năm trước');
    await back.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await toast(deputy, 'Đã trả lại cho đơn vị chủ trì.');
    await row.waitFor({ state: 'detached' });
    expect(await taskRow(id)).toMatchObject({ state: 'DRAFTING' });

    // The rest (the notification and banner, redrafted, resubmitted, reviewed, approved) is the
    // done-when walk's (walk.e2e-spec.ts); approving "KT." is actions.e2e-spec.ts'.
  });

  it('leadership: bulk approval of two tasks, and an extension granted from the inbox', async () => {
    const ext = await rowTask(nextYear.planId, 'II.3'); // VP, due Y-03-31
    const asked = CalendarDate.addDays(`${Y}-03-31`, 10);
    await act('vp.truongphong', ext, 'requestExtension', { reason: 'Chờ văn bản hướng dẫn của Bộ Nội vụ', newDueOn: asked });

    const deputy = await browsers.as('pgd.a');
    await deputy.goto('/inbox');
    await deputy.getByTestId('task-table').waitFor();
    for (const key of ['VI.2', 'VII.8']) {
      const [row] = await stack.ds.query(`SELECT id FROM tasks WHERE plan_id = $1 AND row_key = $2`, [nextYear.planId, key]);
      await deputy.locator(`tr[data-task-id="${row.id}"]`).getByRole('checkbox').check();
    }
    await deputy.getByTestId('bulk-approve').click();
    const bulk = deputy.getByRole('dialog', { name: 'Phê duyệt nhiều nhiệm vụ' });
    await bulk.getByRole('button', { name: 'Phê duyệt 2 nhiệm vụ' }).click();
    await bulk.getByTestId('bulk-outcomes').getByText('Đã phê duyệt').nth(1).waitFor();
    expect(await bulk.getByTestId('bulk-outcomes').innerText()).not.toMatch(/Không|quá hạn/);
    await bulk.getByRole('button', { name: 'Xong' }).click();
    for (const key of ['VI.2', 'VII.8']) expect(await taskRow(await rowTask(nextYear.planId, key))).toMatchObject({ state: 'COMPLETED', status_word: 'DONE_ON_TIME' });

    await deputy.getByRole('tab', { name: /Đề nghị gia hạn/ }).click();
    const request = deputy.getByTestId('extension-request');
    await request.waitFor();
    expect(await request.innerText()).toMatch(new RegExp(`Hạn hiện tại 31/03/${Y}, đề nghị gia hạn đến ${asked.split('-').reverse().join('/')}[\\s\\S]*Chờ văn bản hướng dẫn`));
    await shoot(deputy, '11-extensions');
    await request.getByRole('button', { name: /Đồng ý gia hạn đến/ }).click();
    await toast(deputy, /Đã gia hạn đến/);
    await deputy.getByText('Không có đề nghị gia hạn nào đang chờ').waitFor();
    const [after] = await stack.ds.query(`SELECT to_char(extended_due_on, 'YYYY-MM-DD') AS d FROM tasks WHERE id = $1`, [ext]);
    expect(after.d).toBe(asked);
  }, 180_000);

  it('dashboard: seed 003 of 2023 with tasks done on time, done late and overdue, as charts, the overdue list with who was told, the monthly rating, exports', async () => {
    // 2023: IV.1 extended into the future and finished (on time), VI.2 finished now (late), VII.8 approved late.
    const onTime = await rowTask(planOf2023, 'IV.1');
    await act('vp.truongphong', onTime, 'requestExtension', { reason: 'Chờ chỉ tiêu biên chế được giao', newDueOn: `${Y}-01-31` });
    await act('giamdoc', onTime, 'decideExtension', { decision: 'grant' });
    await toApproval(onTime, 'VP');
    await act('giamdoc', onTime, 'approve');
    const lateDone = await rowTask(planOf2023, 'VI.2');
    await act('ttlt.truongphong', lateDone, 'nameCoordinatingUnits', { unitCodes: [] });
    await toApproval(lateDone, 'TTLT');
    await act('giamdoc', lateDone, 'approve');
    await act('giamdoc', await rowTask(planOf2023, 'VII.8'), 'approve');
    expect(await taskRow(onTime)).toMatchObject({ status_word: 'DONE_ON_TIME' });
    expect(await taskRow(lateDone)).toMatchObject({ status_word: 'DONE_LATE' });
    // The deadline ladder of the past-due rows has reached the director.
    await eventually('escalations of the 2023 plan', async () => {
      const [{ n }] = await stack.ds.query(
        `SELECT count(*)::int AS n FROM task_events e JOIN tasks t ON t.id = e.task_id WHERE t.plan_id = $1 AND e.type = 'ESCALATED_TO_DIRECTOR'`,
        [planOf2023],
      );
      return n > 0;
    }, 60_000);

    const director = await browsers.as('giamdoc');
    await director.goto(`/dashboard/${planOf2023}`);
    await director.getByRole('heading', { name: 'Tiến độ theo mục của phụ lục' }).waitFor();
    // The cards count the plan's rows by status word: IV.1 on time (with two continuous rows the plan's
    // end completed), VI.2 and VII.8 late, most of the rest overdue.
    const card = async (word: string) => Number(/\n\s*(\d+)\s*\n/.exec(await director.locator(`[data-testid="status-cards"] [data-status="${word}"]`).innerText())?.[1]);
    const rows: Array<{ status_word: string; n: number }> = await stack.ds.query(
      `SELECT status_word, count(*)::int AS n FROM tasks WHERE plan_id = $1 AND parent_task_id IS NULL GROUP BY status_word`,
      [planOf2023],
    );
    const stored = (word: string) => rows.find((r) => r.status_word === word)?.n ?? 0;
    expect(await card('DONE_ON_TIME')).toBe(stored('DONE_ON_TIME'));
    expect(stored('DONE_ON_TIME')).toBeGreaterThanOrEqual(1);
    expect(await card('DONE_LATE')).toBe(2);
    expect(await card('OPEN_OVERDUE')).toBeGreaterThan(10);
    // Both charts drew their bars, with the status words as the legend.
    for (const chart of ['chart-sections', 'chart-units']) {
      await director.locator(`[data-testid="${chart}"] .recharts-bar-rectangle`).first().waitFor({ state: 'attached' });
      expect(await director.locator(`[data-testid="${chart}"] .recharts-bar-rectangle`).count()).toBeGreaterThan(5);
      expect(await director.getByTestId(chart).innerText()).toMatch(/Hoàn thành đúng hạn[\s\S]*Hoàn thành quá hạn[\s\S]*Đang thực hiện quá hạn/);
    }
    // The overdue list: how long, and who the ladder told.
    const overdue = director.getByTestId('overdue-list');
    await overdue.locator('tbody tr').first().waitFor();
    const told = overdue.locator('tbody tr', { hasText: 'Phó Giám đốc phụ trách' }).first();
    await told.waitFor();
    expect(await told.innerText()).toMatch(/\d+ ngày[\s\S]*Trưởng đơn vị chủ trì, bộ phận theo dõi \(\d\d\/\d\d\/\d{4}\)[\s\S]*Phó Giám đốc phụ trách \(\d\d\/\d\d\/\d{4}\)[\s\S]*Giám đốc \(/);
    // The monthly rating, the plan's year by default.
    const ratings = director.getByTestId('unit-ratings');
    await ratings.locator('tbody tr').first().waitFor();
    expect(await ratings.innerText()).toMatch(/TTLT — Trung tâm Lưu trữ lịch sử tỉnh/);
    await shoot(director, '12-dashboard', { fullPage: true, settle: 1500 });

    // Export buttons download the API's files (Excel and Word).
    for (const [button, ext] of [
      ['Xuất Excel', 'xlsx'],
      ['Xuất Word', 'docx'],
    ] as const) {
      const [download] = await Promise.all([director.waitForEvent('download'), director.getByRole('button', { name: button }).first().click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${ext}$`));
    }
  }, 240_000);

  it('notifications: the header counts the unread ones, the list opens the task and marks it read', async () => {
    const director = await browsers.as('giamdoc');
    await director.goto('/notifications');
    const list = director.getByTestId('notification-list');
    const first = list.locator('[data-notification-id]').first();
    await first.waitFor();
    const bell = director.getByTestId('notification-bell');
    await director.locator('[data-testid="notification-bell"][aria-label*="chưa đọc"]').waitFor(); // counts loaded
    const unread = Number(/(\d+) chưa đọc/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1]);
    const [{ n }] = await stack.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = (SELECT id FROM users WHERE username = $1) AND read_at IS NULL`, [user('giamdoc')]);
    expect(unread).toBeGreaterThan(0);
    expect(Math.abs(unread - n)).toBeLessThanOrEqual(2); // the ladder may add one meanwhile
    expect(await list.innerText()).toMatch(/quá hạn/i);
    await shoot(director, '13-notifications');
    await bell.click();
    await director.getByRole('dialog').getByText('Xem tất cả thông báo').waitFor();
    await director.keyboard.press('Escape');
    const id = await first.getAttribute('data-notification-id');
    await first.locator('a').click();
    await director.waitForURL(/\/tasks\//);
    await director.getByTestId('state-label').waitFor();
    await eventually('the notification marked read', async () => {
      const [row] = await stack.ds.query(`SELECT read_at FROM notifications WHERE id = $1`, [id]);
      return row.read_at !== null;
    });
  });

  it('responsive: the inbox and the dashboard on a tablet', async () => {
    const tablet = await browsers.as('giamdoc', TABLET);
    await tablet.goto('/inbox?tab=overdue');
    await tablet.getByTestId('task-table').waitFor();
    await shoot(tablet, '14-tablet-inbox');
    await tablet.goto(`/dashboard/${planOf2023}`);
    await tablet.locator('[data-testid="chart-units"] .recharts-bar-rectangle').first().waitFor({ state: 'attached' });
    // Nothing wider than the screen: tables scroll inside their own box.
    // (Run in the page: `document` is the browser's.)
    const overflow = await tablet.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shoot(tablet, '15-tablet-dashboard', { settle: 1500 });
    // The menu opens from the burger on small screens.
    await tablet.setViewportSize({ width: 600, height: 900 });
    await tablet.getByRole('button', { name: 'Mở danh mục' }).click();
    await tablet.getByRole('link', { name: /^Hộp phê duyệt/ }).click();
    await tablet.waitForURL(/\/inbox$/);
  });

  it('no dead ends: an unknown page and a task of nobody’s link back home', async () => {
    const page = await browsers.as('vp.chuyenvien');
    await page.goto('/khong-co-trang-nay');
    await page.getByText('Không có trang này').waitFor();
    await page.getByRole('link', { name: 'Về việc của đơn vị' }).click();
    await page.waitForURL(/\/board$/);
    await page.goto('/tasks/00000000-0000-4000-8000-000000000000');
    await page.getByText('Không tìm thấy nhiệm vụ.').waitFor();
    await page.getByRole('link', { name: 'Về việc của đơn vị' }).click();
    await page.waitForURL(/\/board$/);
    // A logged-out visitor of a task link logs in and lands on the task.
    const id = await rowTask(nextYear.planId, 'II.2');
    const fresh = await browsers.newPage();
    await fresh.goto(`/tasks/${id}`);
    await fresh.waitForURL(/\/login$/);
    await login(fresh, user('vp.truongphong'));
    await fresh.waitForURL(new RegExp(`/tasks/${id}$`));
    await fresh.getByTestId('state-label').waitFor();
  });
});
