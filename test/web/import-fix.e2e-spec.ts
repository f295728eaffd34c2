import { mkdirSync } from 'node:fs';
import { NEXT_YEAR as Y } from '../api/support';
import { eventually, useStack } from '../support/stack';
import { UNKNOWN_UNIT as UNKNOWN, unknownUnitPlanText, unknownUnitPlanTitle } from '../support/unknown-unit-plan';
import { ARTIFACTS, shoot, useWebApp } from './support';

const TITLE = unknownUnitPlanTitle(Y);

/**
 * The import page in real headless Chromium: the monitor uploads a plan naming a unit the
 * directory does not know, chooses the unit from the directory's dropdown with the keyboard, sees
 * the errors vanish from the rows, confirms and lands on the plan. Screens: .data/test-artifacts/web/import-fix-*.png.
 */
describe('web app in Chromium: choosing a unit for an unknown name on the import page', () => {
  const stack = useStack('import-fix');
  const { browsers } = useWebApp(stack, 'web-import-fix', { prepare: async () => mkdirSync(ARTIFACTS, { recursive: true }) });

  it('the monitor uploads a file with an unknown unit, picks the unit from the dropdown, the errors vanish, confirms and lands on the plan', async () => {
    const page = await browsers.as('vp.truongphong');
    await page.goto('/import');
    await page.getByRole('heading', { name: 'Nhập kế hoạch' }).waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'ke-hoach-tai-chinh.txt', mimeType: 'text/plain', buffer: Buffer.from(unknownUnitPlanText(Y)) });
    await page.getByRole('button', { name: 'Tải lên và xem trước' }).click();
    await page.getByTestId('import-preview').waitFor();

    // Both cells with the unknown name are red, listed by section, STT and column; confirm is not possible.
    const unknownUnits = page.getByTestId('unknown-units');
    expect(await unknownUnits.innerText()).toContain(`Mục I, STT 1, cột “Chủ trì”: “${UNKNOWN}”`);
    expect(await unknownUnits.innerText()).toContain(`Mục I, STT 2, cột “Phối hợp”: “${UNKNOWN}”`);
    expect(await page.locator('tr[data-row="I.1"]').getAttribute('data-level')).toBe('error');
    expect(await page.locator('tr[data-row="I.2"]').getAttribute('data-level')).toBe('error');
    expect(await page.locator('tr[data-level="error"]').count()).toBe(2);
    const confirm = page.getByRole('button', { name: 'Xác nhận nhập 3 nhiệm vụ' });
    expect(await confirm.isDisabled()).toBe(true);

    // One labelled select for the name (it occurs twice), saying where it occurs.
    const choices = page.getByTestId('unit-choices');
    expect(await choices.innerText()).toContain('Còn 1 tên chưa chọn đơn vị');
    const select = page.getByRole('combobox', { name: `Đơn vị cho “${UNKNOWN}”` });
    expect(await select.count()).toBe(1);
    expect(await choices.innerText()).toContain('Mục I, STT 1, cột “Chủ trì”; Mục I, STT 2, cột “Phối hợp”');
    await shoot(page, 'import-fix-01-unknown-unit', { fullPage: true });

    // The row's own button takes the keyboard to the select; typing without diacritics finds the unit.
    await page.locator('tr[data-row="I.1"] + tr').getByRole('button', { name: `Chọn đơn vị cho “${UNKNOWN}”` }).click();
    expect(await select.getAttribute('id')).toBe(await page.evaluate('document.activeElement && document.activeElement.id'));
    await page.keyboard.type('bien che');
    const option = page.getByRole('option', { name: 'Phòng Tổ chức, biên chế và tổ chức phi chính phủ (TCBC)' });
    await option.waitFor();
    expect(await page.getByRole('option').count()).toBe(1);
    await shoot(page, 'import-fix-02-dropdown', { keepScroll: true });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');

    // The preview is read again with the unit: no red row, both cells show TCBC as chosen.
    await page.locator('tr[data-row="I.1"][data-level="ok"]').waitFor();
    await page.locator('tr[data-row="I.2"][data-level="ok"]').waitFor();
    expect(await page.locator('tr[data-level="error"]').count()).toBe(0);
    expect(await unknownUnits.count()).toBe(0);
    expect(await page.locator('tr[data-row="I.1"] [data-chosen-unit="TCBC"]').count()).toBe(1);
    expect(await page.locator('tr[data-row="I.2"] [data-chosen-unit="TCBC"]').count()).toBe(1);
    expect(await select.inputValue()).toBe('Phòng Tổ chức, biên chế và tổ chức phi chính phủ (TCBC)');
    expect(await choices.innerText()).toContain('Đã chọn đơn vị cho mọi tên');
    expect(await page.getByTestId('import-summary').innerText()).toMatch(/0 lỗi/);
    await page.locator('button:not([disabled])', { hasText: 'Xác nhận nhập 3 nhiệm vụ' }).waitFor();
    const [stored] = await stack.ds.query(`SELECT unit_mappings FROM plan_imports WHERE organization_id = $1`, [stack.org.organizationId]);
    expect(stored.unit_mappings).toEqual([{ name: UNKNOWN, unitCode: 'TCBC' }]);
    await shoot(page, 'import-fix-03-unit-chosen', { fullPage: true });

    await confirm.click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').innerText()).toMatch(/3 nhiệm vụ mới/);
    await shoot(page, 'import-fix-04-imported');
    const [plan] = await stack.ds.query(`SELECT id FROM plans WHERE organization_id = $1`, [stack.org.organizationId]);
    const [owner] = await stack.ds.query(
      `SELECT u.code FROM tasks t JOIN units u ON u.id = t.owner_unit_id WHERE t.plan_id = $1 AND t.row_key = 'I.1'`,
      [plan.id],
    );
    expect(owner.code).toBe('TCBC');

    await page.getByRole('link', { name: 'Xem tình hình thực hiện kế hoạch' }).click();
    await page.waitForURL(`**/dashboard/${plan.id}`);
    await page.getByRole('heading', { name: TITLE }).first().waitFor();
    await eventually('the three workflows created their tasks', async () => {
      const [{ n }] = await stack.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE plan_id = $1 AND version >= 1`, [plan.id]);
      return n === 3;
    });
    await shoot(page, 'import-fix-05-plan', { fullPage: true, settle: 1500 });
  }, 180_000);
});
