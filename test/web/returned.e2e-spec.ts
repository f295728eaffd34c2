import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { day, provisionTask, route } from '../api/support';
import { grantKt } from '../support/delegation';
import { eventually, useStack } from '../support/stack';
import { ARTIFACTS, axeProblems, LAPTOP, PHONE, ROOT, shoot, useWebApp } from './support';

type Body = Record<string, unknown>;

const INSTRUCTION = 'Bổ sung số liệu của năm trước và ý kiến của Phòng Tổ chức, biên chế';

/**
 * Tasks sent back, marked on the lists in real Chromium: one returned by a deputy with an
 * instruction, one a coordinating unit disagreed with, one untouched. The unit's board (table on a
 * laptop, cards on a phone) badges the first "Bị trả lại" and the second "Phối hợp không đồng ý",
 * from the task summaries' `sentBack` (GET /tasks); the returned task's page shows the instruction
 * (docs/screenshots/returned-task.png with UPDATE_SCREENSHOTS=1). The "KT. Giám đốc" choice comes
 * from the grants in force, and the director's grant screen passes axe-core.
 */
describe('web app in Chromium: returned tasks on the board, KT. from the grants', () => {
  const stack = useStack('web-returned');
  const ids: Record<string, string> = {};
  const web = useWebApp(stack, 'web-returned', {
    prepare: async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      const specs = {
        RETURNED: { title: 'Báo cáo kết quả thực hiện quy chế dân chủ năm', owner: 'VP', dueOn: day(20) },
        DISAGREED: { title: 'Đề án sắp xếp vị trí việc làm của Văn phòng', owner: 'VP', coordinating: ['TCBC'], dueOn: day(25) },
        PLAIN: { title: 'Lập danh mục hồ sơ điện tử của Văn phòng', owner: 'VP', dueOn: day(30) },
      };
      await Promise.all(Object.entries(specs).map(async ([key, spec]) => (ids[key] = (await provisionTask(stack, { key: `web-returned-${key}`, ...spec })).taskId)));
      await grantKt(stack.ds, stack.org.code, 'pgd.b');
    },
  });
  const { browsers } = web;
  const act = async (who: string, key: string, action: string, body: Body = {}): Promise<Body> => {
    const res = await web.people.post(who, `/tasks/${ids[key]}/${route(action)}`, body);
    if (res.status !== 200) throw new Error(`${action} by ${who} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.task as Body;
  };

  it('the board badges the returned and the disagreed task (table and cards); the returned task page shows the instruction', async () => {
    await act('vp.chuyenvien', 'RETURNED', 'saveDraft', { text: 'Báo cáo: 12 cuộc họp', progressPercent: 100 });
    expect((await act('vp.truongphong', 'RETURNED', 'submit')).state).toBe('AWAITING_APPROVAL');
    expect((await act('pgd.a', 'RETURNED', 'return', { comment: INSTRUCTION })).state).toBe('DRAFTING');
    await act('vp.chuyenvien', 'DISAGREED', 'saveDraft', { text: 'Đề án: 12 vị trí' });
    expect((await act('vp.truongphong', 'DISAGREED', 'submit')).state).toBe('IN_REVIEW');
    expect((await act('tcbc.truongphong', 'DISAGREED', 'review', { opinion: 'disagree', comment: 'Chưa tách vị trí kiêm nhiệm' })).state).toBe('DRAFTING');

    // The summaries say why each is back (read model, as the lists read it).
    await eventually('the read model has both sent back', async () => {
      const res = await web.people.get('vp.truongphong', '/tasks', { limit: 50 });
      const byId = new Map((res.body.items as Body[]).map((t) => [t.id, t.sentBack]));
      return byId.get(ids.RETURNED) === 'returned' && byId.get(ids.DISAGREED) === 'disagreed' && byId.get(ids.PLAIN) === null;
    });

    for (const viewport of [LAPTOP, PHONE]) {
      const page = await browsers.as('vp.truongphong', viewport);
      await page.goto('/board?tab=draft');
      const item = (key: string) => page.locator(`[data-task-id="${ids[key]}"]`);
      await item('RETURNED').locator('[data-sent-back]').waitFor();
      expect(await item('RETURNED').locator('[data-sent-back]').innerText()).toBe('Bị trả lại');
      expect(await item('DISAGREED').locator('[data-sent-back]').innerText()).toBe('Phối hợp không đồng ý');
      expect(await item('PLAIN').count()).toBe(1);
      expect(await item('PLAIN').locator('[data-sent-back]').count()).toBe(0);
      expect(await axeProblems(page)).toEqual([]);
      await shoot(page, `returned-board-${viewport.width}`, { fullPage: true });
    }

    const page = await browsers.as('vp.truongphong');
    await page.goto(`/tasks/${ids.RETURNED}`);
    const banner = page.getByTestId('returned-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain(INSTRUCTION);
    expect(await axeProblems(page)).toEqual([]);
    const png = await shoot(page, 'returned-task', { settle: 800 });
    if (process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(png, join(ROOT, 'docs', 'screenshots', 'returned-task.png'));
  }, 240_000);

  it('KT.: the deputy picks the director from the grants in force (nothing typed); the director’s grant screen passes axe-core', async () => {
    const deputy = await browsers.as('pgd.b');
    await deputy.getByTestId('user-menu').click();
    await deputy.getByRole('menuitem', { name: 'Ký thay Giám đốc (KT.)…' }).click();
    const kt = deputy.getByRole('dialog', { name: 'Ký thay Giám đốc (KT. Giám đốc)' });
    expect(await kt.getByLabel('Tên đăng nhập của Giám đốc').count()).toBe(0);
    const choice = kt.getByLabel('Ký thay theo ủy quyền');
    expect(await choice.inputValue()).toBe('Giám đốc Lê Minh Tuấn');
    expect(await axeProblems(deputy)).toEqual([]);
    await kt.getByRole('button', { name: 'Bắt đầu ký thay' }).click();
    await deputy.getByTestId('signing-badge').waitFor();
    expect(await deputy.getByTestId('signing-badge').innerText()).toBe('KT. Giám đốc Lê Minh Tuấn');

    // A person without a grant is told so, and cannot start.
    const other = await browsers.as('pgd.a');
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
    for (const viewport of [LAPTOP, PHONE]) {
      const director = await browsers.as('giamdoc', viewport);
      await director.goto('/delegations');
      await director.getByTestId('grant-list').waitFor();
      expect(await director.getByTestId('grant-list').innerText()).toContain(deputyRow.full_name);
      expect(await axeProblems(director)).toEqual([]);
      await shoot(director, `delegations-${viewport.width}`, { fullPage: true });
    }
  }, 180_000);
});
