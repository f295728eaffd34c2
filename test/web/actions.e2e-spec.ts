import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import type { MilestoneSpec } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { day, provisionTask, route, TODAY, type TestTaskSpec } from '../api/support';
import { useStack } from '../support/stack';
import { ACTION_ARTIFACTS, PHONE, shoot, TABLET, useWebApp } from './support';
import { grantKt } from '../support/delegation';

type Body = Record<string, unknown>;

/** 2026-11-24 → 24/11/2026, as the screens write dates. */
const vn = (iso: string) => iso.split('-').reverse().join('/');
const YEAR = TODAY.slice(0, 4);
const EVENT: MilestoneSpec = { label: 'Sau khi UBND tỉnh ban hành Quy chế', kind: 'event', due: null, start: null, until: null, trigger: 'Sau khi UBND tỉnh ban hành Quy chế', recurrence: null };
const RECURRING: MilestoneSpec = { label: 'Thường xuyên', kind: 'recurring', due: null, start: null, until: null, trigger: null, recurrence: 'reporting-calendar' };

/**
 * The task actions of the web issue, walked through the screens by the demo people in real
 * Chromium: a blocker raised and resolved, then the task reassigned from the unit directory; the
 * monitor records the starting event; a report round of a continuous task; coordinating units
 * named; extension requests refused and granted for fewer days from the leadership inbox's box;
 * a submission over a disagreement, approved by a deputy "KT. Giám đốc" chosen from the list the
 * API gives; the inbox and a task page on a phone and a tablet with nothing wider than the screen.
 * Tasks are set up over HTTP (provisionTask, People); only the steps under test use the browser.
 * Screenshots: .data/test-artifacts/web-actions/.
 */
describe('web app in Chromium: the task actions', () => {
  const stack = useStack('web-actions');
  const ids: Record<string, string> = {};
  const web = useWebApp(stack, 'web-actions', {
    // Provisioned while the app is built.
    prepare: async () => {
      mkdirSync(ACTION_ARTIFACTS, { recursive: true });
      const specs: Record<string, Omit<TestTaskSpec, 'key'>> = {
        BLOCKED: { title: 'Số hóa hồ sơ lưu trữ của Văn phòng', owner: 'VP', dueOn: day(30) },
        EVENT: { title: 'Triển khai Quy chế thi đua, khen thưởng mới', owner: 'VP', dueOn: null, initialState: 'PENDING_TRIGGER', milestones: [EVENT] },
        REPORTS: { title: 'Theo dõi thực hiện quy chế làm việc', owner: 'VP', milestones: [RECURRING], planEndsOn: `${YEAR}-12-31` },
        NAMING: { title: 'Rà soát quy trình nội bộ với các đơn vị liên quan', owner: 'VP', dueOn: day(40), coordinatingToBeNamed: true },
        REFUSED: { title: 'Cập nhật danh mục hồ sơ điện tử', owner: 'VP', dueOn: day(20) },
        GRANTED: { title: 'Hướng dẫn lập hồ sơ công việc', owner: 'VP', dueOn: day(20) },
        DISAGREED: { title: 'Đề án vị trí việc làm của Văn phòng', owner: 'VP', coordinating: ['TCBC'], dueOn: day(30) },
        GENERIC: { title: 'Xây dựng quy chế phối hợp với Báo tỉnh', owner: 'VP', dueOn: day(25) },
      };
      await Promise.all(Object.entries(specs).map(async ([key, spec]) => (ids[key] = (await provisionTask(stack, { key: `web-actions-${key}`, ...spec })).taskId)));
    },
  });
  const { browsers } = web; // launched before the tests

  const act = async (who: string, key: string, action: string, body: Body = {}): Promise<Body> => {
    const res = await web.people.post(who, `/tasks/${ids[key]}/${route(action)}`, body);
    if (res.status !== 200) throw new Error(`${action} by ${who} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.task as Body;
  };
  const row = async (key: string) => {
    const [r] = await stack.ds.query(
      `SELECT t.state, to_char(t.due_on, 'YYYY-MM-DD') AS due_on, to_char(t.extended_due_on, 'YYYY-MM-DD') AS extended_due_on, u.code AS owner, t.detail
       FROM tasks t LEFT JOIN units u ON u.id = t.owner_unit_id WHERE t.id = $1`,
      [ids[key]],
    );
    return r as { state: string; due_on: string | null; extended_due_on: string | null; owner: string; detail: Body };
  };
  const toast = (page: Page, text: string | RegExp) => page.locator('.mantine-Notification-root').filter({ hasText: text }).first().waitFor();
  const open = async (page: Page, key: string) => {
    await page.goto(`/tasks/${ids[key]}`);
    await page.getByTestId('task-facts').waitFor();
  };
  const snap = (page: Page, name: string, fullPage = false) => shoot(page, name, { dir: ACTION_ARTIFACTS, fullPage });
  /** The input a visible label names (Mantine's Select also labels its list with it). */
  const field = async (scope: Locator, label: string): Promise<Locator> => {
    const id = await scope.locator('label', { hasText: label }).first().getAttribute('for');
    return scope.locator(`[id="${id}"]`);
  };
  /** Nothing wider than the screen: tables scroll inside their own box (run in the page). */
  const overflow = (page: Page) => page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;

  beforeAll(async () => {
    // Over HTTP: two extension requests (20 days each), a draft that TCBC disagrees with.
    await act('vp.truongphong', 'REFUSED', 'requestExtension', { reason: 'Chờ phần mềm quản lý hồ sơ', newDueOn: day(40) });
    await act('vp.truongphong', 'GRANTED', 'requestExtension', { reason: 'Chờ ý kiến của Sở Thông tin và Truyền thông', newDueOn: day(40) });
    await act('vp.chuyenvien', 'DISAGREED', 'saveDraft', { text: 'Đề án vị trí việc làm: 12 vị trí' });
    await act('vp.truongphong', 'DISAGREED', 'submit');
    expect((await act('tcbc.truongphong', 'DISAGREED', 'review', { opinion: 'disagree', comment: 'Chưa tách vị trí kiêm nhiệm' })).state).toBe('DRAFTING');
  }, 120_000);

  it('a blocker: the lead unit head raises it, the deputy in charge resolves it and gives the task to another unit from the directory', async () => {
    const head = await browsers.as('vp.truongphong');
    await open(head, 'BLOCKED');
    await head.getByRole('button', { name: 'Báo cáo vướng mắc…' }).click();
    const raise = head.getByRole('dialog', { name: 'Báo cáo khó khăn, vướng mắc' });
    await raise.getByLabel('Nội dung vướng mắc').fill('Thiếu máy quét khổ A3 để số hóa bản vẽ');
    await raise.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await toast(head, 'Đã báo cáo vướng mắc.');
    await head.getByText('Thiếu máy quét khổ A3 để số hóa bản vẽ').waitFor();
    await head.getByText(/Chưa xử lý/).waitFor();
    await snap(head, '01-blocker-raised');

    const deputy = await browsers.as('pgd.a');
    await open(deputy, 'BLOCKED');
    await deputy.getByRole('button', { name: 'Ghi nhận xử lý' }).click();
    const resolve = deputy.getByRole('dialog', { name: 'Ghi nhận xử lý vướng mắc' });
    await resolve.getByLabel('Hướng xử lý').fill('Mượn máy quét của Trung tâm Lưu trữ');
    await resolve.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await toast(deputy, 'Đã ghi nhận xử lý vướng mắc.');
    await deputy.getByText(/Đã xử lý: Mượn máy quét của Trung tâm Lưu trữ/).waitFor();
    await snap(deputy, '02-blocker-resolved');

    // Reassign: the unit directory (GET /units) in a Select, a reason, a new deadline.
    await deputy.getByRole('button', { name: 'Giao đơn vị khác chủ trì…' }).click();
    const reassign = deputy.getByRole('dialog', { name: 'Giao nhiệm vụ cho đơn vị khác' });
    await reassign.getByRole('button', { name: 'Giao lại' }).click();
    await reassign.getByText('Vui lòng nhập nội dung.').waitFor(); // the reason is required
    await reassign.getByLabel('Lý do giao lại').fill('Trung tâm Lưu trữ có máy quét và nhân lực số hóa');
    await reassign.getByRole('button', { name: 'Giao lại' }).click();
    await reassign.getByText('Chọn đơn vị nhận nhiệm vụ.').waitFor();
    await (await field(reassign, 'Đơn vị nhận nhiệm vụ')).click();
    const ttlt = deputy.getByRole('option', { name: /^TTLT — Trung tâm Lưu trữ lịch sử tỉnh/ });
    await ttlt.waitFor();
    expect(await deputy.getByRole('option', { name: /^VP — / }).count()).toBe(0); // not the unit that leads it now
    await ttlt.click();
    await reassign.getByLabel('Hạn mới').fill(vn(day(45)));
    await snap(deputy, '03-reassign');
    await reassign.getByRole('button', { name: 'Giao lại' }).click();
    await toast(deputy, /Đã giao nhiệm vụ cho TTLT/);
    expect(await row('BLOCKED')).toMatchObject({ owner: 'TTLT', due_on: day(45), state: 'DRAFTING' });
    expect(await deputy.getByTestId('task-facts').innerText()).toMatch(new RegExp(`Trung tâm Lưu trữ lịch sử tỉnh[\\s\\S]*${vn(day(45))}`));
  });

  it('an event-triggered task: the monitor records the event, the task starts with its deadline', async () => {
    const monitor = await browsers.as('vp.truongphong');
    await open(monitor, 'EVENT');
    expect(await monitor.getByTestId('state-label').innerText()).toBe('Chờ sự kiện');
    await monitor.getByRole('button', { name: 'Ghi nhận sự kiện…' }).click();
    const dialog = monitor.getByRole('dialog', { name: 'Ghi nhận sự kiện khởi động' });
    await dialog.getByRole('textbox', { name: 'Sự kiện', exact: true }).fill('UBND tỉnh ban hành Quyết định số 15/2026/QĐ-UBND');
    await dialog.getByLabel('Ngày xảy ra sự kiện').fill('31/02/2026');
    await dialog.getByText('Ngày không hợp lệ').waitFor();
    await dialog.getByLabel('Ngày xảy ra sự kiện').fill(vn(TODAY));
    await snap(monitor, '04-record-trigger');
    await dialog.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await toast(monitor, 'Đã ghi nhận sự kiện; nhiệm vụ bắt đầu.');
    await monitor.getByTestId('state-label').filter({ hasText: 'Đang dự thảo' }).waitFor();
    const after = await row('EVENT');
    expect(after.state).toBe('DRAFTING');
    expect(after.due_on! > TODAY).toBe(true); // the event date plus the organization's working days
    expect(await monitor.getByTestId('task-facts').innerText()).toContain(vn(after.due_on!));
    await snap(monitor, '05-triggered');
  });

  it('a continuous task: the lead unit head submits the report of an open round', async () => {
    const head = await browsers.as('vp.truongphong');
    await open(head, 'REPORTS');
    const round = head.locator('.mantine-Paper-root', { has: head.getByRole('button', { name: 'Nộp báo cáo' }) }).first();
    const title = (await round.locator('p').first().innerText()).replace(/^Báo cáo /, '').replace(/ — hạn.*$/, '');
    expect(await round.getByRole('button', { name: 'Nộp báo cáo' }).isDisabled()).toBe(true); // nothing written yet
    await round.getByLabel('Kết quả thực hiện trong kỳ').fill('Đã rà soát quy chế làm việc; 3 phòng cập nhật quy trình.');
    await snap(head, '06-report-round');
    await round.getByRole('button', { name: 'Nộp báo cáo' }).click();
    await toast(head, `Đã nộp báo cáo ${title}.`);
    const rounds = (await row('REPORTS')).detail.rounds as Array<{ label: string; state: string; text: string | null }>;
    expect(rounds.find((r) => r.label === title)).toMatchObject({ state: 'SUBMITTED', text: 'Đã rà soát quy chế làm việc; 3 phòng cập nhật quy trình.' });
    // VP is also the monitor: the submitted round waits for its acknowledgement on the same page.
    await head.getByText(new RegExp(`Báo cáo ${title} đã nộp`)).waitFor();
  });

  it('"các đơn vị liên quan": the lead unit head names the coordinating units from the directory', async () => {
    const head = await browsers.as('vp.truongphong');
    await open(head, 'NAMING');
    expect(await head.getByTestId('task-facts').innerText()).toContain('Đơn vị chủ trì sẽ chọn');
    await (await field(head.locator('body'), 'Đơn vị phối hợp')).click();
    await head.getByRole('option', { name: /^CCHC — / }).click();
    await head.getByRole('option', { name: /^TCBC — / }).click();
    await head.getByRole('heading', { name: 'Việc cần làm' }).click(); // closes the list
    await snap(head, '07-name-units');
    await head.getByRole('button', { name: 'Lưu đơn vị phối hợp' }).click();
    await toast(head, 'Đã chọn đơn vị phối hợp.');
    const units: Array<{ code: string }> = await stack.ds.query(
      `SELECT u.code FROM task_units tu JOIN units u ON u.id = tu.unit_id WHERE tu.task_id = $1 AND tu.role = 'coordinating' ORDER BY u.code`,
      [ids.NAMING],
    );
    expect(units.map((u) => u.code)).toEqual(['CCHC', 'TCBC']);
    expect(await head.getByTestId('task-facts').innerText()).toMatch(/CCHC, TCBC/);
    // Nothing is drafted yet: the page offers no submission the workflow would refuse (availableActions).
    expect(await head.getByRole('button', { name: 'Trình lấy ý kiến phối hợp' }).count()).toBe(0);
    await act('vp.chuyenvien', 'NAMING', 'saveDraft', { text: 'Quy trình nội bộ: dự thảo' });
    await open(head, 'NAMING');
    // Submitting now goes to those two units.
    await head.getByRole('button', { name: 'Trình lấy ý kiến phối hợp' }).waitFor();
  });

  it('extension requests in the leadership inbox: one refused with a reason, one granted for fewer days than asked', async () => {
    const deputy = await browsers.as('pgd.a');
    await deputy.goto('/inbox?tab=extensions');
    const tab = deputy.getByRole('tab', { name: /Đề nghị gia hạn/ });
    await tab.getByText('2', { exact: true }).waitFor(); // the box's count (GET /me/inbox/counts)
    const refused = deputy.getByTestId('extension-request').filter({ hasText: 'Chờ phần mềm quản lý hồ sơ' });
    const granted = deputy.getByTestId('extension-request').filter({ hasText: 'Chờ ý kiến của Sở Thông tin và Truyền thông' });
    await granted.waitFor();
    // The working days asked for show once the calendar has loaded (GET /calendar/:year): waited for, not raced.
    const asked = new RegExp(`Hạn hiện tại ${vn(day(20))}, đề nghị gia hạn đến ${vn(day(40))} \\(thêm \\d+ ngày làm việc, 20 ngày\\)`);
    await refused.filter({ hasText: asked }).waitFor();
    expect(await refused.innerText()).toMatch(asked);
    await snap(deputy, '08-inbox-extensions', true);

    await refused.getByRole('button', { name: 'Không đồng ý…' }).click();
    const refuse = deputy.getByRole('dialog', { name: 'Không đồng ý gia hạn' });
    await refuse.getByRole('button', { name: 'Không đồng ý gia hạn' }).click();
    await refuse.getByText('Vui lòng nhập nội dung.').waitFor();
    await refuse.getByLabel('Lý do không đồng ý').fill('Phần mềm đã có; hoàn thành theo hạn đã giao');
    await refuse.getByRole('button', { name: 'Không đồng ý gia hạn' }).click();
    await toast(deputy, 'Đã từ chối đề nghị gia hạn.');
    await refused.waitFor({ state: 'detached' });
    expect(await row('REFUSED')).toMatchObject({ due_on: day(20), extended_due_on: null });

    await granted.getByRole('button', { name: 'Gia hạn đến ngày khác…' }).click();
    const grant = deputy.getByRole('dialog', { name: 'Gia hạn đến ngày khác' });
    expect(await grant.getByTestId('extension-new-due').innerText()).toBe(`Hạn mới: ${vn(day(40))}`); // what was asked, to start with
    // A date on the Vietnamese date picker (typed dd/mm/yyyy here), with the working days it adds.
    await grant.getByLabel('Gia hạn đến ngày').fill(vn(day(30)));
    await grant.getByTestId('extension-new-due').filter({ hasText: vn(day(30)) }).waitFor();
    await grant.getByTestId('extension-adds').filter({ hasText: /Thêm \d+ ngày làm việc \(10 ngày\) so với hạn hiện tại/ }).waitFor();
    await snap(deputy, '09-grant-fewer-days');
    await grant.getByRole('button', { name: 'Gia hạn', exact: true }).click();
    await toast(deputy, `Đã gia hạn đến ${vn(day(30))}.`);
    await deputy.getByText('Không có đề nghị gia hạn nào đang chờ').waitFor();
    expect(await row('GRANTED')).toMatchObject({ due_on: day(20), extended_due_on: day(30) });

    // The task page shows the deadline in force and the one it was extended from.
    await open(deputy, 'GRANTED');
    expect(await deputy.getByTestId('task-facts').innerText()).toMatch(new RegExp(`${vn(day(30))}\\s*gia hạn từ ${vn(day(20))}`));
    await deputy.getByRole('tab', { name: 'Lịch sử' }).click();
    expect(await deputy.getByTestId('history-view').innerText()).toContain(vn(day(30)));
    await snap(deputy, '10-task-extended');
  });

  it('over a disagreement the head submits to approval with a justification; a deputy approves "KT. Giám đốc" chosen from the list', async () => {
    const head = await browsers.as('vp.truongphong');
    await open(head, 'DISAGREED');
    await head.getByText('Đơn vị phối hợp không đồng ý', { exact: true }).waitFor();
    expect(await head.getByRole('alert').filter({ hasText: 'Đơn vị phối hợp không đồng ý' }).innerText()).toContain('TCBC: Chưa tách vị trí kiêm nhiệm');
    await head.getByLabel('Trình phê duyệt dù đơn vị phối hợp không đồng ý hoặc không cho ý kiến').check();
    await head.getByRole('button', { name: 'Trình lãnh đạo phê duyệt' }).click();
    const submit = head.getByRole('dialog', { name: 'Trình lãnh đạo phê duyệt' });
    await submit.getByLabel('Lý do trình vượt ý kiến phối hợp').fill('Vị trí kiêm nhiệm đã được Sở Nội vụ hướng dẫn giữ nguyên');
    await snap(head, '11-submit-over-disagreement');
    await submit.getByRole('button', { name: 'Trình', exact: true }).click();
    await toast(head, 'Đã trình lãnh đạo phê duyệt.');
    expect((await row('DISAGREED')).state).toBe('AWAITING_APPROVAL');

    // Deputy B is not in charge of VP; he sees the task (TCBC coordinates it) and signs for the director,
    // under the director's grant (recorded before he logs in: the web app reads GET /me/delegations then).
    await grantKt(stack.ds, stack.org.code, 'pgd.b');
    const b = await browsers.as('pgd.b');
    await open(b, 'DISAGREED');
    await b.getByText(/Trình vượt ý kiến phối hợp. Lý do: Vị trí kiêm nhiệm/).waitFor();
    await b.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    const approve = b.getByRole('dialog', { name: 'Phê duyệt nhiệm vụ' });
    expect(await approve.innerText()).toContain('Ghi nhận: Phó Giám đốc Trần Quốc Việt');
    await (await field(approve, 'Ký với tư cách')).click();
    await b.getByRole('option', { name: 'KT. Giám đốc Lê Minh Tuấn' }).click();
    await approve.getByText('Ghi nhận: KT. Giám đốc Lê Minh Tuấn — Phó Giám đốc Trần Quốc Việt').waitFor();
    await snap(b, '12-approve-kt');
    await approve.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await toast(b, 'Nhiệm vụ đã được phê duyệt.');
    expect((await row('DISAGREED')).state).toBe('COMPLETED');
    await b.getByRole('tab', { name: 'Lịch sử' }).click();
    expect(await b.getByTestId('history-view').innerText()).toMatch(/Lãnh đạo phê duyệt, hoàn thành[\s\S]*KT\. Giám đốc Lê Minh Tuấn — Phó Giám đốc Trần Quốc Việt/);
    // Only this decision was signed KT.: the session still signs as the deputy himself.
    expect(await b.getByTestId('signing-badge').count()).toBe(0);
  });

  it('steps without a form of their own (remind, reject) get the form the API describes: the director urges, the deputy in charge rejects', async () => {
    await act('vp.chuyenvien', 'GENERIC', 'saveDraft', { text: 'Dự thảo quy chế phối hợp', progressPercent: 100 });
    await act('vp.truongphong', 'GENERIC', 'submit');
    expect((await row('GENERIC')).state).toBe('AWAITING_APPROVAL');

    // The director: "Đôn đốc…" from availableActions, its one optional field labelled by the registry.
    const director = await browsers.as('giamdoc');
    await open(director, 'GENERIC');
    await director.getByRole('button', { name: 'Đôn đốc…' }).click();
    const remind = director.getByRole('dialog', { name: 'Đôn đốc' });
    await (await field(remind, 'Lời nhắn')).fill('Đề nghị phê duyệt trong tuần');
    await remind.getByRole('button', { name: 'Đôn đốc', exact: true }).click();
    await toast(director, 'Đã thực hiện: Đôn đốc.');
    // Heard by whom it waits on (the deputy in charge of VP approves), and the button is gone for today.
    const told = await web.people.get('pgd.a', '/me/notifications', { limit: 50 });
    expect((told.body.items as Body[]).some((n) => n.taskId === ids.GENERIC && n.type === 'REMINDED')).toBe(true);
    await director.getByRole('button', { name: 'Đôn đốc…' }).waitFor({ state: 'detached' });

    // The deputy in charge: "Từ chối…", whose reason is required before anything is sent.
    const deputy = await browsers.as('pgd.a');
    await open(deputy, 'GENERIC');
    await deputy.getByRole('button', { name: 'Từ chối…' }).click();
    const reject = deputy.getByRole('dialog', { name: 'Từ chối' });
    await reject.getByRole('button', { name: 'Từ chối', exact: true }).click();
    await reject.getByText('Vui lòng nhập: lý do từ chối.').waitFor();
    expect((await row('GENERIC')).state).toBe('AWAITING_APPROVAL');
    await (await field(reject, 'Lý do từ chối')).fill('Nội dung đã có trong Quy chế làm việc của Sở');
    await reject.getByText('Vui lòng nhập: lý do từ chối.').waitFor({ state: 'detached' }); // said until the field is filled
    await snap(deputy, '14-generic-reject');
    await reject.getByRole('button', { name: 'Từ chối', exact: true }).click();
    await toast(deputy, 'Đã thực hiện: Từ chối.');
    expect((await row('GENERIC')).state).toBe('CANCELLED');
  });

  it('phone and tablet: the inbox and a task page fit the screen', async () => {
    // Something in the deputy's approval box: the refused task, drafted and submitted anyway.
    await act('vp.chuyenvien', 'REFUSED', 'saveDraft', { text: 'Danh mục hồ sơ điện tử năm nay' });
    expect((await act('vp.truongphong', 'REFUSED', 'submit')).state).toBe('AWAITING_APPROVAL');
    for (const [name, viewport] of [
      ['phone', PHONE],
      ['tablet', TABLET],
    ] as const) {
      const page = await browsers.as('pgd.a', viewport);
      await page.goto('/inbox');
      await page.getByRole('heading', { name: 'Hộp phê duyệt' }).waitFor();
      // A phone lists the tasks as cards (below 768 px), a tablet as a table.
      await page.locator(`${name === 'phone' ? '[data-testid="task-cards"] [role="listitem"]' : 'tr'}[data-task-id="${ids.REFUSED}"]`).waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await snap(page, `13-${name}-inbox`);
      await open(page, 'GRANTED');
      await page.getByRole('heading', { name: 'Việc cần làm' }).waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await snap(page, `14-${name}-task`, true);
    }
  });
});
