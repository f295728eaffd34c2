import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eventually, useStack } from '../support/stack';
import { ARTIFACTS, shoot, useWebApp } from './support';

/** Seed 004: a prose plan (no appendix table), whose tasks are proposed from its sentences. */
const SEED_004 = resolve(__dirname, '../fixtures/seeds/004_ae6ed311de1af7f1.txt');
const EDITED = 'Xây dựng báo cáo cải cách hành chính quý I (đã sửa)';

interface StoredCandidate {
  id: string;
  title: string;
  leadUnitCode: string | null;
  leadGroup: string | null;
  exhortation: boolean;
}

/**
 * The curation of a prose plan confirmed end to end in real Chromium: the monitor uploads seed 004,
 * keeps three of the proposed tasks (one with its title edited), confirms, and the page says that
 * three tasks were made; Postgres holds exactly those three tasks for the plan, the edited title
 * among them, and their workflows create them. Screens: .data/test-artifacts/web/curation-*.png.
 */
describe('web app in Chromium: curating a prose plan and confirming three tasks', () => {
  const stack = useStack('web-curation');
  const { browsers } = useWebApp(stack, 'web-curation', { prepare: async () => mkdirSync(ARTIFACTS, { recursive: true }) });

  it('the monitor uploads seed 004, edits a candidate, chooses three, confirms; three tasks exist for the plan and the page says so', async () => {
    const page = await browsers.as('vp.truongphong');
    await page.goto('/import');
    await page.getByRole('heading', { name: 'Nhập kế hoạch' }).waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'ke-hoach-cchc-2024.txt', mimeType: 'text/plain', buffer: readFileSync(SEED_004) });
    await page.getByRole('button', { name: 'Tải lên và xem trước' }).click();
    const curation = page.getByTestId('prose-curation');
    // The preview (prose read, candidates proposed) may take a while on a busy machine.
    await curation.or(page.locator('.mantine-Alert-root')).first().waitFor({ timeout: 90_000 });
    if (!(await curation.count())) throw new Error(`no curation on the page:\n${await page.locator('main').innerText()}`);

    // Three proposed duties (not exhortations, not group-led), read from the stored preview. The seed is
    // another organization's plan: its units are not in this directory, the monitor picks each lead.
    const [stored] = await stack.ds.query(`SELECT id, parse_result FROM plan_imports WHERE organization_id = $1 AND status = 'previewed'`, [stack.org.organizationId]);
    const all = stored.parse_result.candidates as StoredCandidate[];
    const keep = all.filter((c) => !c.leadGroup && !c.exhortation).slice(0, 3);
    expect(keep).toHaveLength(3);
    const cards = curation.locator('[data-candidate-id]');
    expect(await cards.count()).toBe(all.length);

    // Untick every candidate at once, tick the three.
    await curation.getByRole('button', { name: 'Bỏ chọn tất cả' }).click();
    expect(await curation.getByTestId('confirm-candidates').isDisabled()).toBe(true);
    for (const c of keep) await curation.locator(`[data-candidate-id="${c.id}"]`).getByRole('checkbox').check();
    const confirm = curation.getByTestId('confirm-candidates');
    expect(await confirm.innerText()).toBe('Tạo 3 nhiệm vụ đã chọn');
    expect(await curation.innerText()).toContain(`${all.length - 3} đề xuất không chọn sẽ không được tạo.`);

    // The first kept one gets a new title; each gets its lead unit from the directory (typed without diacritics).
    const edited = curation.locator(`[data-candidate-id="${keep[0].id}"]`);
    await edited.getByLabel('Tên nhiệm vụ').fill(EDITED);
    for (const c of keep) {
      const lead = curation.locator(`[data-candidate-id="${c.id}"]`).getByRole('combobox', { name: 'Đơn vị chủ trì' });
      if (c.leadUnitCode === 'VP') continue;
      await lead.click();
      await lead.fill('van phong');
      await page.getByRole('option', { name: /^VP — / }).click();
      expect(await lead.inputValue()).toMatch(/^VP — /);
    }
    await shoot(page, 'curation-01-three-chosen', { fullPage: true });

    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    const done = page.getByTestId('curation-done');
    await done.waitFor();
    expect(await done.innerText()).toMatch(/Đã nhập 3 nhiệm vụ mới từ 3 nhiệm vụ đề xuất đã chọn/);
    await shoot(page, 'curation-02-confirmed');

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

    // The answer's link opens the plan's dashboard.
    await done.getByRole('link', { name: 'Xem tình hình thực hiện' }).click();
    await page.waitForURL(`**/dashboard/${imported.plan_id}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  }, 420_000);
});
