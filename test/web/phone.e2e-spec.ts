import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { defaultVietnamCalendar } from '@app/domain';
import { day, provisionTask, route } from '../api/support';
import { importSeedPlan } from '../lifecycle/support';
import { eventually, useStack } from '../support/stack';
import { ARTIFACTS, axeProblems, LAPTOP, PHONE, ROOT, settledBox, shoot, useWebApp } from './support';

type Body = Record<string, unknown>;

const PHONE_ARTIFACTS = join(ARTIFACTS, '..', 'web-phone');

/** Nothing wider than the screen: the page does not scroll sideways. */
const sidewaysScroll = (page: Page) => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;

/** Every button of `scope` lies inside the viewport's width (reachable without scrolling sideways). */
async function buttonsInside(page: Page, selector: string): Promise<Array<{ name: string; left: number; right: number }>> {
  return (await page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll(${JSON.stringify(selector)})].map((b) => {
      const r = b.getBoundingClientRect();
      return { name: b.textContent.trim(), left: Math.round(r.left), right: Math.round(r.right), width };
    });
  })()`)) as Array<{ name: string; left: number; right: number; width: number }>;
}

/**
 * The web app of a department's every day, in real Chromium against the real stack: a deputy
 * approves from a phone (390×844: cards, nothing to scroll sideways, the buttons on the screen, the
 * quick view with its decision bar at the bottom); lists are searched and filtered (without
 * diacritics, kept in the address); each count is the same in the menu, the tab and the list; a
 * task 1,313 days late reads as such; axe-core finds no serious or critical violation on any page,
 * on a laptop and on a phone. Screenshots: .data/test-artifacts/web-phone/ (and docs/screenshots
 * with UPDATE_SCREENSHOTS=1).
 */
/**
 * About 1,313 days back, on a working day: how late counts from the working end of a deadline (a
 * deadline on a day off ends the next working day, the day-off rule), so a deadline on a holiday
 * would read a few days fewer.
 */
const LATE_DAYS = (() => {
  const calendar = defaultVietnamCalendar();
  let n = 1313;
  while (!calendar.isWorkingDay(day(-n))) n += 1;
  return n;
})();
const LATE_TEXT = LATE_DAYS.toLocaleString('vi-VN');

describe('web app in Chromium: phone approvals, search, one number, accessibility', () => {
  const stack = useStack('web-phone');
  const ids: Record<string, string> = {};
  let planId = '';
  const web = useWebApp(stack, 'web-phone', {
    prepare: async () => {
      mkdirSync(PHONE_ARTIFACTS, { recursive: true });
      const report = await importSeedPlan(stack, 2023);
      planId = report.planId;
      const specs = {
        QUY_CHE: { title: 'Ban hành Quy chế công tác văn thư, lưu trữ của Sở', owner: 'VP', dueOn: day(20) },
        KIEM_TRA: { title: 'Kiểm tra công tác cải cách hành chính tại các đơn vị', owner: 'VP', dueOn: day(-LATE_DAYS) },
        SO_HOA: { title: 'Số hóa hồ sơ lưu trữ lịch sử giai đoạn 1975–1990', owner: 'TTLT', dueOn: day(10) },
      };
      await Promise.all(Object.entries(specs).map(async ([key, spec]) => (ids[key] = (await provisionTask(stack, { key: `web-phone-${key}`, ...spec })).taskId)));
      await eventually('every task of the 2023 plan created by its workflow', async () => {
        const [{ waiting }] = await stack.ds.query(`SELECT count(*)::int AS waiting FROM tasks WHERE plan_id = $1 AND version = 0`, [planId]);
        return waiting === 0;
      }, 120_000);
    },
  });
  const { browsers } = web;

  const act = async (who: string, id: string, action: string, body: Body = {}): Promise<Body> => {
    const res = await web.people.post(who, `/tasks/${id}/${route(action)}`, body);
    if (res.status !== 200) throw new Error(`${action} by ${who} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.task as Body;
  };
  const toApproval = async (id: string, unit: string) => {
    const u = unit.toLowerCase();
    await act(`${u}.chuyenvien`, id, 'saveDraft', { text: 'Dự thảo đã hoàn chỉnh', progressPercent: 100 });
    const task = await act(`${u}.truongphong`, id, 'submit');
    expect(task.state).toBe('AWAITING_APPROVAL');
  };
  const toast = (page: Page, text: string | RegExp) => page.locator('.mantine-Notification-root').filter({ hasText: text }).first().waitFor();
  const stateOf = async (id: string) => ((await stack.ds.query(`SELECT state FROM tasks WHERE id = $1`, [id]))[0] as { state: string }).state;
  const problems: string[] = [];

  it('phone 390×844: the deputy’s inbox is cards with the buttons on the screen; the quick view approves one-handed', async () => {
    for (const key of ['QUY_CHE', 'KIEM_TRA', 'SO_HOA']) await toApproval(ids[key], key === 'SO_HOA' ? 'TTLT' : 'VP');
    const phone = await browsers.as('pgd.a', PHONE);
    await phone.goto('/inbox');
    const cards = phone.getByTestId('task-cards');
    await cards.locator(`[data-task-id="${ids.SO_HOA}"]`).waitFor();
    expect(await phone.getByTestId('task-table').count()).toBe(0); // no table on a phone
    expect(await sidewaysScroll(phone)).toBeLessThanOrEqual(0);

    // Overdue first; each card: title in full, unit, deadline with the status in colour, who it waits on.
    const keys = await cards.locator('[data-task-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-task-id')));
    expect(keys.slice(0, 3)).toEqual([ids.KIEM_TRA, ids.SO_HOA, ids.QUY_CHE]);
    const late = cards.locator(`[data-task-id="${ids.KIEM_TRA}"]`);
    const lateText = await late.innerText();
    expect(lateText).toContain('Kiểm tra công tác cải cách hành chính tại các đơn vị');
    expect(lateText).toMatch(/Chủ trì\s*VP/);
    expect(lateText).toContain('Đang thực hiện quá hạn');
    expect(await late.locator('[data-status]').getAttribute('data-status')).toBe('OPEN_OVERDUE');
    // 1.313 days late reads as years, in working days and calendar days (never "3 ngày làm việc").
    await late.getByTestId('overdue-days').filter({ hasText: `${LATE_TEXT} ngày ≈ 3 năm` }).waitFor();
    expect(await late.getByTestId('overdue-days').innerText()).toMatch(
      new RegExp(`^quá hạn (\\d{1,3}(\\.\\d{3})* ngày làm việc \\(${LATE_TEXT.replace('.', '\\.')} ngày ≈ 3 năm 7 tháng\\)|${LATE_TEXT.replace('.', '\\.')} ngày ≈ 3 năm 7 tháng)$`),
    );
    expect(lateText).toMatch(/Chờ .*phê duyệt|lãnh đạo/i);

    // Every action button of every card inside the screen's width; each status pill on one line.
    const buttons = await buttonsInside(phone, '[data-testid="task-cards"] button');
    expect(buttons.length).toBeGreaterThanOrEqual(9); // Xem nhanh, Phê duyệt, Trả lại × 3
    for (const b of buttons) expect({ ...b, inside: b.left >= 0 && b.right <= PHONE.width }).toMatchObject({ inside: true });
    const pillHeights = await cards.locator('[data-status]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    for (const h of pillHeights) expect(h).toBeLessThan(30);
    problems.push(...(await axeProblems(phone)));
    const png = await shoot(phone, 'phone-inbox', { dir: PHONE_ARTIFACTS });
    if (process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(png, join(ROOT, 'docs', 'screenshots', 'phone-inbox.png'));

    // The quick view: the whole screen, approve and return in a bar at the bottom, under the thumb.
    await late.getByRole('button', { name: /Xem nhanh/ }).click();
    const preview = phone.getByTestId('task-preview');
    await preview.waitFor();
    const bar = phone.getByTestId('preview-decision-bar');
    await bar.waitFor();
    const box = await settledBox(bar); // the drawer slides up: measured where it stops
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height + 1);
    expect(box.y).toBeGreaterThan(PHONE.height / 2); // the lower half of the screen
    for (const b of await buttonsInside(phone, '[data-testid="preview-decision-bar"] button')) expect(b.left >= 0 && b.right <= PHONE.width).toBe(true);
    problems.push(...(await axeProblems(phone)));
    await shoot(phone, 'phone-quick-view', { dir: PHONE_ARTIFACTS, keepScroll: true });
    await bar.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    const dialog = phone.getByRole('dialog', { name: 'Phê duyệt nhiệm vụ' });
    await dialog.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await toast(phone, 'Nhiệm vụ đã được phê duyệt.');
    expect(await stateOf(ids.KIEM_TRA)).toBe('COMPLETED');
    await cards.locator(`[data-task-id="${ids.KIEM_TRA}"]`).waitFor({ state: 'detached' });

    // Returned from a card, with its reason.
    await cards.locator(`[data-task-id="${ids.SO_HOA}"]`).getByRole('button', { name: 'Trả lại' }).click();
    const back = phone.getByRole('dialog', { name: 'Trả lại để chỉnh sửa' });
    await back.getByLabel('Nội dung cần chỉnh sửa').fill('Bổ sung danh mục hồ sơ số hóa');
    await back.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await toast(phone, 'Đã trả lại cho đơn vị chủ trì.');
    expect(await stateOf(ids.SO_HOA)).toBe('DRAFTING');
  }, 180_000);

  it('search and filters: without diacritics, by unit and status, kept in the address; the board’s "Việc của tôi" is the menu’s count', async () => {
    const director = await browsers.as('giamdoc');
    await director.goto('/inbox?tab=overdue');
    await director.getByTestId('task-table').waitFor();
    const all = await director.locator('[data-testid="task-table"] tbody tr').count();
    expect(all).toBeGreaterThan(5);
    await director.getByLabel('Tìm nhiệm vụ').fill('cai cach hanh chinh');
    await director.waitForURL(/[?&]q=cai(\+|%20)cach/);
    await eventually('the search applied', async () => (await director.locator('[data-testid="task-table"] tbody tr').count()) < all, 20_000);
    const titles = await director.locator('[data-testid="task-table"] tbody tr td:nth-child(2) a').allInnerTexts();
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(t.toLowerCase()).toContain('cải cách hành chính');
    expect(await director.getByTestId('task-table').innerText()).toMatch(/khớp tìm kiếm và bộ lọc \(hộp có \d+\)/);
    // The address keeps it: a reload shows the same search.
    await director.reload();
    expect(await director.getByLabel('Tìm nhiệm vụ').inputValue()).toBe('cai cach hanh chinh');
    await director.getByTestId('task-table').waitFor();
    expect(await director.locator('[data-testid="task-table"] tbody tr').count()).toBe(titles.length);
    // A unit: only its rows.
    await director.getByRole('combobox', { name: 'Đơn vị chủ trì' }).click();
    await director.getByRole('option', { name: /^CCHC — / }).click();
    await director.waitForURL(/unit=CCHC/);
    await eventually('the unit filter applied', async () => {
      const units = await director.locator('[data-testid="task-table"] tbody tr td:nth-child(3)').allInnerTexts();
      return units.length > 0 && units.every((u) => u.trim() === 'CCHC');
    }, 20_000);
    problems.push(...(await axeProblems(director)));
    await shoot(director, 'inbox-search', { dir: PHONE_ARTIFACTS });
    await director.getByRole('button', { name: 'Bỏ lọc' }).click();
    await director.waitForURL((url) => !url.search.includes('q='));

    // The officer's board: "Việc của tôi" counts what the menu badge counts: here (nothing given to
    // anybody by name) every draft of the unit.
    const officer = await browsers.as('vp.chuyenvien');
    await officer.goto('/board');
    const mineTab = officer.getByRole('tab', { name: /Việc của tôi/ });
    await mineTab.waitFor();
    await officer.getByTestId('task-table').waitFor();
    const [{ drafts }] = await stack.ds.query(
      `SELECT count(*)::int AS drafts FROM tasks t JOIN units u ON u.id = t.owner_unit_id WHERE t.organization_id = $1 AND u.code = 'VP' AND t.state = 'DRAFTING' AND t.assignee_user_id IS NULL`,
      [stack.org.organizationId],
    );
    const menuBadge = officer.getByRole('navigation').getByRole('link', { name: /Việc của đơn vị/ });
    await eventually('the menu counts loaded', async () => /\d/.test(await menuBadge.innerText()), 20_000);
    const badge = Number(/(\d+)/.exec(await menuBadge.innerText())![1]);
    const tab = Number(/(\d+)/.exec(await mineTab.innerText())![1]);
    const rows = await officer.locator('[data-testid="task-table"] tbody tr').count();
    expect([badge, tab, rows]).toEqual([drafts, drafts, drafts]);
    problems.push(...(await axeProblems(officer)));
  }, 120_000);

  it('the dashboard: the overdue card and the overdue list say one number; the monitor searches the list; the legend stays off the data', async () => {
    const monitor = await browsers.as('vp.truongphong');
    await monitor.goto(`/dashboard/${planId}`);
    const cards = monitor.getByTestId('status-cards');
    await cards.waitFor();
    const card = Number(/\n\s*(\d+)\s*\n/.exec(await cards.locator('[data-status="OPEN_OVERDUE"]').innerText())?.[1]);
    expect(card).toBeGreaterThan(10);
    const list = monitor.getByTestId('overdue-list');
    await list.locator('tbody tr').first().waitFor();
    expect(await list.getByRole('heading').innerText()).toBe(`Nhiệm vụ quá hạn (${card})`);
    // The list pages by 15: every page together is the card's number.
    const pages = Math.ceil(card / 15);
    let counted = 0;
    for (let p = 1; p <= pages; p++) {
      if (p > 1) await list.getByRole('button', { name: String(p), exact: true }).click();
      counted += await list.locator('tbody tr').count();
    }
    expect(counted).toBe(card);
    // The charts' legend lies below each chart, over none of its bars.
    for (const chart of ['chart-sections', 'chart-units']) {
      const legend = await settledBox(monitor.getByTestId(chart).getByTestId('chart-legend'));
      const svg = await settledBox(monitor.locator(`[data-testid="${chart}"] svg.recharts-surface`).first());
      expect(legend.y).toBeGreaterThanOrEqual(svg.y + svg.height - 1);
    }
    problems.push(...(await axeProblems(monitor)));
    await shoot(monitor, 'dashboard', { dir: PHONE_ARTIFACTS, fullPage: true, settle: 1200 });

    // Searching without diacritics: "he thong hoa" finds "hệ thống hóa".
    await list.getByLabel('Tìm nhiệm vụ').fill('he thong hoa');
    await monitor.waitForURL(/q=he(\+|%20)thong/);
    await list.getByRole('heading').filter({ hasText: /khớp tìm kiếm/ }).waitFor();
    const found = await list.locator('tbody tr').allInnerTexts();
    expect(found.length).toBeGreaterThan(0);
    for (const r of found) expect(r.toLowerCase()).toContain('hệ thống hóa');
    expect(await list.getByRole('heading').innerText()).toBe(`Nhiệm vụ quá hạn (${found.length} khớp tìm kiếm / ${card})`);

    // The same list on a phone: cards, nothing sideways.
    const phone = await browsers.as('vp.truongphong', PHONE);
    await phone.goto(`/dashboard/${planId}?q=he+thong+hoa`);
    await phone.getByTestId('overdue-cards').locator('[data-task-id]').first().waitFor();
    expect(await phone.getByTestId('overdue-cards').locator('[data-task-id]').count()).toBe(found.length);
    expect(await sidewaysScroll(phone)).toBeLessThanOrEqual(0);
    problems.push(...(await axeProblems(phone)));
  }, 120_000);

  it('axe-core: no serious or critical violation on any page, on a laptop and on a phone', async () => {
    const pages: Array<[string, string]> = [
      ['giamdoc', '/inbox'],
      ['giamdoc', '/inbox?tab=extensions'],
      ['giamdoc', '/inbox?tab=escalated'],
      ['giamdoc', '/notifications'],
      ['pgd.a', `/tasks/${ids.QUY_CHE}`],
      ['vp.chuyenvien', `/tasks/${ids.SO_HOA}`],
      ['vp.chuyenvien', '/board?tab=done'],
      ['vp.truongphong', '/import'],
      ['vp.truongphong', '/dashboard'],
      ['tcbc.truongphong', '/board'],
      ['vp.chuyenvien', '/khong-co-trang-nay'],
    ];
    for (const viewport of [LAPTOP, PHONE]) {
      for (const [who, path] of pages) {
        const page = await browsers.as(who, viewport);
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).or(page.getByTestId('empty-state')).first().waitFor();
        await page.waitForLoadState('networkidle');
        problems.push(...(await axeProblems(page)));
        if (viewport === PHONE) expect({ path, overflow: await sidewaysScroll(page) }).toEqual({ path, overflow: 0 });
      }
    }
    const login = await browsers.newPage(PHONE);
    await login.goto('/login');
    await login.getByLabel('Tên đăng nhập').waitFor();
    problems.push(...(await axeProblems(login)));
    expect(problems).toEqual([]);
  }, 240_000);
});
