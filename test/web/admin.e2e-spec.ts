import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { latestMail } from '../support/mail';
import { uniqueSuffix, useStack } from '../support/stack';
import { ARTIFACTS, login, shoot, useWebApp } from './support';

const DIR = join(ARTIFACTS, '..', 'web-admin');

/**
 * The administration pages in real Chromium: the demo administrator adds a unit and a person from
 * the screens; the person opens the invitation link of the mail outbox, chooses a password, logs in
 * and changes it from "Đổi mật khẩu"; the administrator locks them, saves a setting and reads the
 * audit. Screenshots: .data/test-artifacts/web-admin/.
 */
describe('web app in Chromium: administration and accounts', () => {
  const stack = useStack('web-admin');
  const web = useWebApp(stack, 'web-admin', { prepare: async () => mkdirSync(DIR, { recursive: true }) });
  const suffix = uniqueSuffix();
  const code = `KH${suffix.slice(0, 4).toUpperCase()}`;
  const email = `nv.${suffix}@so.example.gov.vn`;
  const toast = (page: Page, text: string | RegExp) => page.locator('.mantine-Notification-root').filter({ hasText: text }).first().waitFor();
  const field = async (scope: Locator, label: string): Promise<Locator> => {
    const id = await scope.locator('label', { hasText: label }).first().getAttribute('for');
    return scope.locator(`[id="${id}"]`);
  };
  const snap = (page: Page, name: string) => shoot(page, name, { dir: DIR, fullPage: true });

  it('the administrator adds a unit and a person from the screens', async () => {
    const page = await web.browsers.as('quantri');
    await page.goto('/admin/units');
    await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
    const dialog = page.getByRole('dialog');
    await (await field(dialog, 'Mã đơn vị')).fill(code);
    await (await field(dialog, 'Tên đơn vị')).fill('Phòng Kế hoạch - Tài chính');
    const aliases = await field(dialog, 'Tên gọi khác');
    await aliases.fill('Phòng KH-TC');
    await aliases.press('Enter');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await toast(page, `Đã thêm đơn vị ${code}`);
    await page.getByRole('cell', { name: 'Phòng KH-TC' }).waitFor();
    await snap(page, 'units');

    await page.goto('/admin/people');
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const form = page.getByRole('dialog');
    const name = `${stack.org.code.toLowerCase()}.nv${suffix}`;
    await (await field(form, 'Tên đăng nhập')).fill(name);
    await (await field(form, 'Họ và tên')).fill('Đặng Thu Hà');
    await (await field(form, 'Chức danh')).fill('Chuyên viên');
    await (await field(form, 'E-mail')).fill(email);
    await (await field(form, 'Đơn vị')).click();
    await page.getByRole('option', { name: new RegExp(`^${code} `) }).click();
    // Mantine's MultiSelect takes the click on the box around its input.
    await (await field(form, 'Vai trò')).click({ force: true });
    await page.getByRole('option', { name: 'Chuyên viên' }).click();
    await form.getByRole('button', { name: 'Lưu' }).click();
    await toast(page, /thư mời đặt mật khẩu đã được gửi/);
    await page.getByRole('cell', { name }).waitFor();
    await page.getByText('Chờ đặt mật khẩu').first().waitFor();
    await snap(page, 'people');
    created = name;
  });
  let created = '';

  it('the person sets a password from the invitation link, logs in, and changes it from the account menu', async () => {
    const mail = await latestMail(stack.ds, email);
    const page = await web.browsers.newPage();
    await page.goto(`/set-password?token=${mail.token}`);
    await page.getByLabel(/^Mật khẩu mới/).fill('1234567890');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('1234567890');
    await page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
    await page.getByRole('alert').filter({ hasText: 'phổ biến' }).waitFor();
    await page.getByLabel(/^Mật khẩu mới/).fill('Hoa sen nở giữa hồ');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Hoa sen nở giữa hồ');
    await page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
    await page.getByText('Đã đặt mật khẩu').waitFor();
    await snap(page, 'set-password');
    await login(page, created, 'Hoa sen nở giữa hồ');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Mật khẩu hiện tại').fill('Hoa sen nở giữa hồ');
    await dialog.getByLabel(/^Mật khẩu mới/).fill('Trăng rằm sáng tỏ');
    await dialog.getByLabel('Nhập lại mật khẩu mới').fill('Trăng rằm sáng tỏ');
    await dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await toast(page, 'Đã đổi mật khẩu');
    // The same link does not work twice.
    const again = await web.browsers.newPage();
    await again.goto(`/set-password?token=${mail.token}`);
    await again.getByLabel(/^Mật khẩu mới/).fill('Một mật khẩu khác nữa');
    await again.getByLabel('Nhập lại mật khẩu mới').fill('Một mật khẩu khác nữa');
    await again.getByRole('button', { name: 'Đặt mật khẩu' }).click();
    await again.getByRole('alert').filter({ hasText: 'đã được dùng' }).waitFor();
    personPage = page;
  });
  let personPage: Page;

  it('locking the person shows at once; settings and the audit list from the screens', async () => {
    const page = await web.browsers.as('quantri');
    await page.goto('/admin/people');
    await page.getByRole('row', { name: new RegExp(created) }).getByRole('button', { name: 'Khóa' }).click();
    await toast(page, /Đã khóa tài khoản/);
    await page.getByRole('row', { name: new RegExp(created) }).getByText('Đã khóa').waitFor();
    // The person's next request answers 401: the app sends them to the login page.
    await personPage.goto('/notifications');
    await personPage.waitForURL(/\/login/);

    await page.goto('/admin/settings');
    const window = await field(page.locator('main'), 'Thời hạn đơn vị phối hợp cho ý kiến');
    await window.fill('6');
    // The reporting calendar, as people write dates (dd/mm): what is not a date is said at the field and not sent.
    const q1 = await field(page.locator('main'), 'Báo cáo quý I');
    expect(await q1.inputValue()).toBe('14/03');
    await q1.fill('ngày 20');
    await page.getByText('Nhập ngày/tháng, ví dụ 14/03').waitFor();
    expect(await page.getByRole('button', { name: 'Lưu thiết lập' }).isDisabled()).toBe(true);
    await q1.fill('20/3');
    await page.getByRole('button', { name: 'Lưu thiết lập' }).click();
    await toast(page, /Đã lưu/);
    const [org] = await stack.ds.query(`SELECT settings FROM organizations WHERE id = $1`, [stack.org.organizationId]);
    expect(org.settings.reviewWindowWorkingDays).toBe(6);
    expect(org.settings.reportingDeadlines).toEqual({ q1: '03-20', h1: '06-14', q3: '09-14', year: '12-14' });
    await snap(page, 'settings');

    await page.goto('/admin/audit');
    await page.getByRole('cell', { name: 'Sửa thiết lập' }).first().waitFor();
    await page.getByRole('cell', { name: 'Thêm người dùng' }).first().waitFor();
    await page.getByText('reviewWindowWorkingDays: 5 → 6').waitFor();
    await snap(page, 'audit');
  });

  it('a non-administrator opening an administration page lands on their own start page', async () => {
    const page = await web.browsers.as('vp.chuyenvien');
    await page.goto('/admin/people');
    await page.waitForURL(/\/board/);
  });
});
