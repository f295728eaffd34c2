import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Workbook, type Worksheet } from 'exceljs';
import JSZip from 'jszip';
import request from 'supertest';
import { CalendarDate, STATUS_WORD_COLOURS, STATUS_WORDS, type StatusWord } from '@app/domain';
import { formatVietnameseDate } from '@app/persistence';
import { PlanImportReport } from '@app/temporal';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import type { PlanProgressReportDto, PlanProgressRowDto } from '../../apps/api/src/reports/plan-progress.dto';
import { importSeedPlan, LifecycleDriver } from '../lifecycle/support';
import { giveDemoPasswords, login } from '../support/auth';
import { convertToPdf } from '../support/office';
import { eventually, seedTestOrganization, useStack } from '../support/stack';
import { grantKt } from '../support/delegation';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const TODAY = CalendarDate.fromInstant(Date.now());
const AS_OF = formatVietnameseDate(TODAY)!;
const PLAN_TITLE = 'Cải cách hành chính Sở Nội vụ năm 2023';
const IV1_RESULT = 'Đã xây dựng Kế hoạch biên chế năm 2023, trình UBND tỉnh phê duyệt';
const VII8_DRAFT = 'Đã dựng mô hình triển lãm thực tế ảo, đang hoàn thiện nội dung';

/** The name a browser saves: the RFC 5987 `filename*` of Content-Disposition. */
function savedName(disposition: string | undefined): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(disposition ?? '');
  if (!m) throw new Error(`no filename* in ${disposition}`);
  return decodeURIComponent(m[1]);
}

/** Every row of the sheet as the texts of its cells (merged cells give their value once). */
function sheetRows(ws: Worksheet): string[][] {
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cells[c - 1] = cell.isMerged && cell.master.address !== cell.address ? '' : cell.value === null || cell.value === undefined ? '' : String(cell.value);
    });
    rows[n - 1] = cells;
  });
  return rows;
}

/** The paragraphs of word/document.xml, each as its text. */
async function docxParagraphs(bytes: Buffer): Promise<{ xml: string; paragraphs: string[] }> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const paragraphs = [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((p) => unescape([...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')));
  return { xml, paragraphs };
}

/**
 * Scenario 11 over HTTP on the real stack: seed 003 imported as written (2023: every dated task
 * is overdue today), a few rows driven through their workflows (completed late, extended and
 * completed on time, one unit of a group-led row done, a draft, a cancellation), then the plan
 * progress and the monthly unit rating as JSON, .xlsx and .docx, read back and opened in LibreOffice.
 */
describe('reports over HTTP: plan progress and monthly unit rating (JSON, Excel, Word)', () => {
  const stack = useStack('api-reports');
  let app: INestApplication;
  let plan: PlanImportReport;
  let other: { code: string; organizationId: string };
  let t: LifecycleDriver;
  const tokens = new Map<string, Promise<string>>();
  const extendedTo = CalendarDate.addDays(TODAY, 5);

  const token = (who: string): Promise<string> => {
    const [org, name] = who.includes(':') ? who.split(':') : ['A', who];
    const username = `${(org === 'A' ? stack.org.code : other.code).toLowerCase()}.${name}`;
    if (!tokens.has(username)) tokens.set(username, login(app, username).then((s) => s.accessToken));
    return tokens.get(username)!;
  };
  /** "pgd.b>giamdoc": deputy B signing "KT." for the director (under a grant recorded once). */
  let granted: Promise<string> | undefined;
  const getJson = async (who: string, url: string, query: Record<string, string> = {}) => {
    const [user, principal] = who.split('>');
    if (principal) await (granted ??= grantKt(stack.ds, stack.org.code, user, { principal }));
    const req = request(app.getHttpServer()).get(url).query(query).auth(await token(user), { type: 'bearer' });
    return principal ? req.set('X-On-Behalf-Of', `${stack.org.code.toLowerCase()}.${principal}`) : req;
  };
  /** A download, its body as bytes. */
  const getFile = async (who: string, url: string, query: Record<string, string> = {}) =>
    request(app.getHttpServer())
      .get(url)
      .query(query)
      .auth(await token(who), { type: 'bearer' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const progressUrl = (suffix = '') => `/reports/plans/${plan.planId}/progress${suffix}`;
  const rowOf = (report: PlanProgressReportDto, rowKey: string): PlanProgressRowDto => {
    const row = report.sections.flatMap((s) => s.rows).find((r) => r.rowKey === rowKey);
    if (!row) throw new Error(`no row ${rowKey}`);
    return row;
  };

  beforeAll(async () => {
    other = await seedTestOrganization(stack.ds);
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    await giveDemoPasswords(stack.ds, other.organizationId);
    plan = await importSeedPlan(stack);
    t = new LifecycleDriver(stack, { p: plan });
    await eventually(
      'every task of the plan created by its workflow',
      async () => {
        const [r] = await stack.ds.query(`SELECT count(*) FILTER (WHERE version = 0)::int AS waiting, count(*)::int AS n FROM tasks WHERE plan_id = $1`, [plan.planId]);
        return r.waiting === 0 && r.n === 32 + 28;
      },
      120_000,
    );

    // IV.1 (Văn phòng Sở, due 31/01/2023): done today, late.
    const iv1 = t.wf('p', 'IV.1');
    await t.act(iv1, 'saveDraft', 'vp.chuyenvien', { text: IV1_RESULT, progressPercent: 100 });
    await t.act(iv1, 'submit', 'vp.truongphong');
    await t.allReviewersAgree(iv1);
    await t.act(iv1, 'approve', 'pgd.a');
    // II.2: extended to a date to come, then done: on time.
    const ii2 = t.wf('p', 'II.2');
    await t.act(ii2, 'requestExtension', 'vp.truongphong', { reason: 'Chờ hướng dẫn của Sở Tư pháp', newDueOn: extendedTo });
    await t.act(ii2, 'decideExtension', 'pgd.a', { decision: 'grant' });
    await t.toApproval(ii2, 'VP');
    await t.act(ii2, 'approve', 'pgd.a');
    // III.4 (every unit leads): Ban Tôn giáo's share extended and done; the others still overdue.
    const btg = t.wf('p', 'III.4/BTG');
    await t.act(btg, 'requestExtension', 'btg.truongphong', { reason: 'Chờ hướng dẫn', newDueOn: extendedTo });
    await t.act(btg, 'decideExtension', 'pgd.b', { decision: 'grant' });
    await t.toApproval(btg, 'BTG');
    await t.act(btg, 'approve', 'pgd.b');
    // VII.8 (Trung tâm lưu trữ lịch sử tỉnh, no named coordinating unit): a draft, outside deputy B's portfolio.
    await t.act(t.wf('p', 'VII.8'), 'saveDraft', 'ttlt.chuyenvien', { text: VII8_DRAFT, progressPercent: 60 });
    // VI.2: cancelled by the director.
    await t.act(t.wf('p', 'VI.2'), 'cancel', 'giamdoc', { reason: 'Không còn phù hợp' });

    app = await createApiApp();
    await app.init();
  }, 300_000);

  afterAll(async () => {
    await app?.close();
  });

  it('answers the plan progress as JSON: the appendix’s rows in order, what was done, the status word as of today, totals', async () => {
    const res = await getJson('vp.truongphong', progressUrl());
    expect(res.status).toBe(200);
    const report = res.body as PlanProgressReportDto;
    expect(report).toMatchObject({ asOf: TODAY, plan: { id: plan.planId, title: PLAN_TITLE, startYear: 2023 }, organization: { code: stack.org.code }, extraColumns: [] });
    expect(report.sections.map((s) => [s.code, s.rows.length])).toEqual([
      ['I', 7],
      ['II', 4],
      ['III', 4],
      ['IV', 1],
      ['V', 5],
      ['VI', 3],
      ['VII', 8],
    ]);
    expect(report.sections[0].rows.map((r) => r.stt)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(rowOf(report, 'I.1')).toMatchObject({
      title: 'Ban hành và triển khai thực hiện Kế hoạch kiểm tra công tác cải cách hành chính',
      lead: 'Phòng CCHC-VTLT',
      coordinating: 'Các đơn vị thuộc, trực thuộc Sở',
      timeline: 'Ban hành Kế hoạch: tháng 2/2023 Thực hiện: cả năm',
      statusWord: 'OPEN_OVERDUE',
      statusLabel: 'Đang thực hiện quá hạn',
    });

    expect(rowOf(report, 'IV.1')).toMatchObject({ state: 'COMPLETED', statusWord: 'DONE_LATE', completedOn: TODAY });
    expect(rowOf(report, 'IV.1').result).toEqual([`Hoàn thành ngày ${AS_OF}`, `Nội dung: ${IV1_RESULT}`]);
    const ii2 = rowOf(report, 'II.2');
    expect(ii2).toMatchObject({ statusWord: 'DONE_ON_TIME', statusLabel: 'Hoàn thành đúng hạn', dueOn: '2023-02-28', extendedDueOn: extendedTo });
    expect(ii2.result.slice(0, 2)).toEqual([`Hoàn thành ngày ${AS_OF}`, `Gia hạn đến ${formatVietnameseDate(extendedTo)} (hạn ban đầu 28/02/2023)`]);
    expect(rowOf(report, 'I.2')).toMatchObject({ statusWord: 'WAITING', result: ['Chưa bắt đầu: chờ sự kiện'] });
    expect(rowOf(report, 'VI.2')).toMatchObject({ statusWord: 'CANCELLED', result: ['Đã hủy'] });
    expect(rowOf(report, 'VII.8')).toMatchObject({ statusWord: 'OPEN_OVERDUE', result: ['Đang dự thảo (tiến độ 60%)', `Nội dung: ${VII8_DRAFT}`] });

    // The group-led row: one line per unit, by code; Ban Tôn giáo done on time, the rest overdue.
    const iii4 = rowOf(report, 'III.4');
    expect(iii4.lead).toBe('Các đơn vị thuộc và trực thuộc Sở');
    expect(iii4.units.map((u) => u.unitCode)).toEqual(['BTDKT', 'BTG', 'CCHC', 'CCVC', 'TCBC', 'TTLT', 'TTRA', 'VP']);
    expect(iii4.units.find((u) => u.unitCode === 'BTG')).toMatchObject({ unitName: 'Ban Tôn giáo', statusWord: 'DONE_ON_TIME', extendedDueOn: extendedTo });
    expect(iii4.units.filter((u) => u.statusWord === 'OPEN_OVERDUE')).toHaveLength(7);
    expect(iii4.result[0]).toBe('Đơn vị đã hoàn thành: 1/8');
    expect(iii4.result[1]).toMatch(/^Đơn vị quá hạn: /);

    // Totals: every row once, by its status word.
    const rows = report.sections.flatMap((s) => s.rows);
    expect(report.totals.total).toBe(32);
    for (const word of Object.keys(STATUS_WORDS) as StatusWord[]) {
      expect([word, report.totals.byStatus[word]]).toEqual([word, rows.filter((r) => r.statusWord === word).length]);
    }
    expect(report.totals.byStatus).toMatchObject({ DONE_LATE: 1, CANCELLED: 1 });
    // II.2, and the rows that run on an event ("Khi có văn bản mới") that closed with the plan's year.
    expect(rows.filter((r) => r.statusWord === 'DONE_ON_TIME').map((r) => r.rowKey)).toContain('II.2');
    expect(report.totals.byStatus.WAITING).toBeGreaterThanOrEqual(5);
  });

  it('lets the monitor and leadership export task by task, quoting drafts only of the tasks the reader may see; nobody else', async () => {
    expect((await getJson('giamdoc', progressUrl())).status).toBe(200);
    expect((await getJson('pgd.b>giamdoc', progressUrl())).status).toBe(200);
    const deputyA = (await getJson('pgd.a', progressUrl())).body as PlanProgressReportDto;
    expect(rowOf(deputyA, 'VII.8').result).toContain(`Nội dung: ${VII8_DRAFT}`);
    // Trung tâm lưu trữ is deputy A's: deputy B sees the row's progress, not its draft.
    const deputyB = (await getJson('pgd.b', progressUrl())).body as PlanProgressReportDto;
    expect(rowOf(deputyB, 'VII.8')).toMatchObject({ statusWord: 'OPEN_OVERDUE', result: ['Đang dự thảo (tiến độ 60%)'] });
    expect(deputyB.totals).toEqual(deputyA.totals);

    for (const who of ['btg.chuyenvien', 'cchc.truongphong', 'quantri']) {
      for (const suffix of ['', '.xlsx', '.docx']) {
        const res = await getJson(who, progressUrl(suffix));
        expect([who, suffix, res.status, res.body.code]).toEqual([who, suffix, 403, 'FORBIDDEN']);
      }
    }
    // Another organization's plan does not exist for the caller; nor does a made-up one.
    const foreign = await getJson('B:giamdoc', progressUrl('.xlsx'));
    expect([foreign.status, foreign.body.code]).toEqual([404, 'PLAN_NOT_FOUND']);
    expect((await getJson('giamdoc', '/reports/plans/00000000-0000-4000-8000-000000000000/progress.docx')).status).toBe(404);
    expect((await getJson('giamdoc', '/reports/plans/not-a-uuid/progress')).status).toBe(400);
  });

  it('exports the plan progress as .xlsx in the appendix’s layout, with the result, coloured status words and totals', async () => {
    const res = await getFile('vp.truongphong', progressUrl('.xlsx'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const expectedName = `Tiến độ thực hiện - ${PLAN_TITLE} - đến ngày ${AS_OF.replaceAll('/', '-')}.xlsx`;
    expect(savedName(res.headers['content-disposition'])).toBe(expectedName);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Tien do thuc hien - Cai cach hanh chinh So Noi vu nam 2023 - den ngay [\d-]+\.xlsx"; /);

    const workbook = new Workbook();
    await workbook.xlsx.load(res.body as unknown as Parameters<Workbook['xlsx']['load']>[0]);
    const ws = workbook.getWorksheet('Tiến độ thực hiện')!;
    const rows = sheetRows(ws);
    const first = rows.map((r) => r[0] ?? '');
    expect(first.slice(0, 5)).toEqual([
      `SỞ NỘI VỤ TỈNH BÌNH ĐỊNH`,
      'BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH',
      PLAN_TITLE,
      '(Kế hoạch của Sở Nội vụ năm 2023)',
      `Tính đến ngày ${AS_OF}`,
    ]);
    const headerAt = first.indexOf('STT');
    expect(rows[headerAt]).toEqual(['STT', 'Nhiệm vụ cụ thể', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện', 'Kết quả thực hiện', 'Tình trạng', 'Ghi chú']);
    expect(ws.pageSetup.printTitlesRow).toBe(`${headerAt + 1}:${headerAt + 1}`);

    // Section rows span the table, as in the plan.
    const bands = first.filter((v) => /^[IVX]+\. /.test(v));
    expect(bands).toEqual([
      'I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH',
      'II. CẢI CÁCH THỂ CHẾ',
      'III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH',
      'IV. CẢI CÁCH TỔ CHỨC BỘ MÁY',
      'V. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ',
      'VI. CẢI CÁCH TÀI CHÍNH CÔNG',
      'VII. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ',
    ]);
    const sectionII = first.indexOf('II. CẢI CÁCH THỂ CHẾ');
    expect(ws.getCell(sectionII + 1, 8).master.address).toBe(`A${sectionII + 1}`);

    // Row II.2: the appendix's cells, then what was done and its status word in green.
    const ii2 = sectionII + 2; // 0-based index of the second row of section II
    expect(rows[ii2].slice(0, 5)).toEqual([
      '2',
      'Xây dựng và triển khai Kế hoạch hệ thống hóa văn bản quy phạm pháp luật kỳ 2019-2023',
      'Văn Phòng Sở',
      'Các đơn vị thuộc, trực thuộc Sở',
      'Tháng 2/2023',
    ]);
    expect(rows[ii2][5]).toContain(`Hoàn thành ngày ${AS_OF}\nGia hạn đến ${formatVietnameseDate(extendedTo)}`);
    expect(rows[ii2][6]).toBe('Hoàn thành đúng hạn');
    expect(ws.getCell(ii2 + 1, 7).fill).toMatchObject({ fgColor: { argb: `FF${STATUS_WORD_COLOURS.DONE_ON_TIME.tint}` } });
    const iv1 = rows.findIndex((r) => r[1] === 'Xây dựng kế hoạch biên chế năm 2023');
    expect(rows[iv1][5]).toBe(`Hoàn thành ngày ${AS_OF}\nNội dung: ${IV1_RESULT}`);
    expect(ws.getCell(iv1 + 1, 7).fill).toMatchObject({ fgColor: { argb: `FF${STATUS_WORD_COLOURS.DONE_LATE.tint}` } });

    // III.4: the row, then one line per unit.
    const iii4 = rows.findIndex((r) => r[1] === 'Công bố TTHC nội bộ và xây dựng quy trình TTHC nội bộ tại cơ quan.');
    expect(rows[iii4][0]).toBe('4');
    const unitLines = rows.slice(iii4 + 1, iii4 + 9);
    expect(unitLines.map((r) => r[1])).toEqual(expect.arrayContaining(['- Ban Tôn giáo', '- Văn phòng Sở']));
    expect(unitLines.every((r) => r[0] === '' && r[1].startsWith('- '))).toBe(true);
    expect(unitLines.find((r) => r[1] === '- Ban Tôn giáo')!.slice(4, 7)).toEqual([
      `Gia hạn đến ${formatVietnameseDate(extendedTo)}`,
      expect.stringContaining(`Hoàn thành ngày ${AS_OF}`),
      'Hoàn thành đúng hạn',
    ]);

    // Totals per status word at the end, the counts in the status column.
    const json = (await getJson('vp.truongphong', progressUrl())).body as PlanProgressReportDto;
    const totalAt = rows.findIndex((r) => r[1] === 'Tổng số nhiệm vụ');
    expect(rows[totalAt][6]).toBe('32');
    for (const [i, word] of (['OPEN_ON_TIME', 'OPEN_OVERDUE', 'DONE_ON_TIME', 'DONE_LATE', 'WAITING', 'CANCELLED'] as StatusWord[]).entries()) {
      expect(rows[totalAt + 1 + i].slice(1, 7).filter(Boolean)).toEqual([STATUS_WORDS[word], String(json.totals.byStatus[word])]);
    }
  });

  it('exports the plan progress as .docx: the same rows in a Word table with section rows across it and the header on every page', async () => {
    const res = await getFile('giamdoc', progressUrl('.docx'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX);
    expect(savedName(res.headers['content-disposition'])).toBe(`Tiến độ thực hiện - ${PLAN_TITLE} - đến ngày ${AS_OF.replaceAll('/', '-')}.docx`);
    const { xml, paragraphs } = await docxParagraphs(res.body as Buffer);
    expect(paragraphs.slice(0, 5)).toEqual(['SỞ NỘI VỤ TỈNH BÌNH ĐỊNH', 'BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH', PLAN_TITLE, '(Kế hoạch của Sở Nội vụ năm 2023)', `Tính đến ngày ${AS_OF}`]);
    expect(paragraphs).toEqual(
      expect.arrayContaining([
        'Kết quả thực hiện',
        'I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH',
        'VII. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ',
        'Xây dựng kế hoạch biên chế năm 2023',
        `Nội dung: ${IV1_RESULT}`,
        `Nội dung: ${VII8_DRAFT}`,
        '- Ban Tôn giáo',
        'Hoàn thành đúng hạn',
        'Đang thực hiện quá hạn',
        'Tổng số nhiệm vụ',
        '32',
      ]),
    );
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml.match(/<w:gridSpan w:val="8"\/>/g)!.length).toBeGreaterThanOrEqual(8); // 7 sections + "TỔNG HỢP"
    expect(xml).toContain('w:orient="landscape"');
    expect(xml).toContain(`w:fill="${STATUS_WORD_COLOURS.OPEN_OVERDUE.tint}"`);
  });

  it('exports the monthly unit rating with the JSON endpoint’s query and permissions', async () => {
    const query = { from: '2023-01', to: '2023-12' };
    const json = await getJson('vp.truongphong', '/reports/unit-ratings', query);
    expect(json.status).toBe(200);
    const ratings = json.body.rows as Array<{ unitCode: string; unitName: string; tasksDue: number; completedLate: number; overdueOpen: number }>;
    expect(ratings.length).toBeGreaterThan(3);
    const sum = (k: 'tasksDue' | 'completedLate' | 'overdueOpen') => ratings.reduce((n, r) => n + r[k], 0);

    const xlsx = await getFile('vp.truongphong', '/reports/unit-ratings.xlsx', query);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    expect(savedName(xlsx.headers['content-disposition'])).toBe('Đánh giá đơn vị theo tháng 01-2023 đến 12-2023.xlsx');
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as Parameters<Workbook['xlsx']['load']>[0]);
    const rows = sheetRows(workbook.getWorksheet('Đánh giá đơn vị')!);
    const first = rows.map((r) => r[0] ?? '');
    expect(first.slice(0, 4)).toEqual(['SỞ NỘI VỤ TỈNH BÌNH ĐỊNH', 'ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA CÁC ĐƠN VỊ THEO THÁNG', 'Từ tháng 01/2023 đến tháng 12/2023', `Tính đến ngày ${AS_OF}`]);
    expect(first).toEqual(expect.arrayContaining(['Tháng 01/2023', 'Tháng 02/2023', 'Cả kỳ: từ tháng 01/2023 đến tháng 12/2023']));
    const header = rows.find((r) => r[0] === 'STT')!;
    expect(header.slice(2, 6)).toEqual(['Nhiệm vụ đến hạn', 'Hoàn thành đúng hạn', 'Hoàn thành quá hạn', 'Đang thực hiện quá hạn']);
    const total = rows.find((r) => r[0] === 'Tổng cộng')!;
    expect([total[2], total[4], total[5]]).toEqual([String(sum('tasksDue')), String(sum('completedLate')), String(sum('overdueOpen'))]);
    expect(rows.some((r) => r[1] === 'Ban Tôn giáo') && rows.some((r) => r[1] === 'Văn phòng Sở')).toBe(true);

    const docx = await getFile('giamdoc', '/reports/unit-ratings.docx', query);
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toBe(DOCX);
    const { paragraphs } = await docxParagraphs(docx.body as Buffer);
    expect(paragraphs).toEqual(expect.arrayContaining(['ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA CÁC ĐƠN VỊ THEO THÁNG', 'Tháng 01/2023', 'Tổng cộng', String(sum('tasksDue'))]));

    // Everybody else: their own unit only, in the files as in the JSON.
    const own = await getFile('btg.chuyenvien', '/reports/unit-ratings.xlsx', query);
    expect(own.status).toBe(200);
    expect(savedName(own.headers['content-disposition'])).toBe('Đánh giá đơn vị theo tháng 01-2023 đến 12-2023 - Ban Tôn giáo.xlsx');
    const ownBook = new Workbook();
    await ownBook.xlsx.load(own.body as unknown as Parameters<Workbook['xlsx']['load']>[0]);
    const ownRows = sheetRows(ownBook.getWorksheet('Đánh giá đơn vị')!);
    expect(ownRows.map((r) => r[0])).toContain('Đơn vị: Ban Tôn giáo');
    expect(new Set(ownRows.filter((r) => /^\d+$/.test(r[0] ?? '')).map((r) => r[1]))).toEqual(new Set(['Ban Tôn giáo']));
    const [vp] = await stack.ds.query(`SELECT id FROM units WHERE organization_id = $1 AND code = 'VP'`, [stack.org.organizationId]);
    for (const suffix of ['', '.xlsx', '.docx']) {
      const refused = await getJson('btg.chuyenvien', `/reports/unit-ratings${suffix}`, { ...query, unitId: vp.id });
      expect([suffix, refused.status, refused.body.code]).toEqual([suffix, 403, 'FORBIDDEN']);
      const invalid = await getJson('vp.truongphong', `/reports/unit-ratings${suffix}`, { from: '2023-13', to: '2023-12' });
      expect([suffix, invalid.status]).toEqual([suffix, 400]);
    }
    // The administrator: the organization's counts (no task in them).
    expect((await getFile('quantri', '/reports/unit-ratings.docx', query)).status).toBe(200);
  });

  it('produces files that LibreOffice opens and prints to PDF', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'planflow-reports-'));
    try {
      const downloads = [
        { name: 'plan-progress-xlsx.xlsx', who: 'vp.truongphong', url: progressUrl('.xlsx') },
        { name: 'plan-progress-docx.docx', who: 'vp.truongphong', url: progressUrl('.docx') },
        { name: 'unit-ratings-xlsx.xlsx', who: 'giamdoc', url: '/reports/unit-ratings.xlsx' },
        { name: 'unit-ratings-docx.docx', who: 'giamdoc', url: '/reports/unit-ratings.docx' },
      ];
      const files: string[] = [];
      for (const d of downloads) {
        const res = await getFile(d.who, d.url, d.url.includes('unit-ratings') ? { from: '2023-01', to: '2023-12' } : {});
        expect([d.name, res.status]).toEqual([d.name, 200]);
        files.push(join(dir, d.name));
        await writeFile(files[files.length - 1], res.body as Buffer);
      }
      const pdfs = await convertToPdf(files, dir);
      for (const pdf of pdfs) {
        expect([pdf.source, pdf.bytes.subarray(0, 5).toString('latin1')]).toEqual([pdf.source, '%PDF-']);
        expect(pdf.bytes.length).toBeGreaterThan(10_000);
        expect(pdf.bytes.length).toBeLessThan(5_000_000);
        expect(pdf.pages).toBeGreaterThanOrEqual(1);
      }
      const [progressXlsx, progressDocx, ratingsXlsx] = pdfs;
      // LibreOffice read the files, Vietnamese included: Writer titles the PDF from the document's
      // properties, Calc (7.4) from the sheet; 60 lines need several pages.
      expect(progressDocx.title).toBe(`Báo cáo tiến độ thực hiện ${PLAN_TITLE}`);
      expect([`Báo cáo tiến độ thực hiện ${PLAN_TITLE}`, 'Tiến độ thực hiện']).toContain(progressXlsx.title);
      expect(['Đánh giá kết quả thực hiện nhiệm vụ theo tháng từ tháng 01/2023 đến tháng 12/2023', 'Đánh giá đơn vị']).toContain(ratingsXlsx.title);
      expect(progressDocx.pages).toBeGreaterThanOrEqual(3);
      expect(progressXlsx.pages).toBeGreaterThanOrEqual(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 200_000);
});
