import { STATUS_WORD_COLOURS } from '@app/domain';
import { buildPlanProgress, planProgressDocument, planReferenceOf, resultLinesOf, sttOf, type PlanProgressInput, type PlanTaskFacts } from './plan-progress.layout';
import { assertWellFormed } from './report-document';

let n = 0;
function task(over: Partial<PlanTaskFacts>): PlanTaskFacts {
  n += 1;
  return {
    taskId: `t-${n}`,
    parentTaskId: null,
    rowKey: null,
    sectionId: 's1',
    title: `Nhiệm vụ ${n}`,
    leadRaw: 'Văn phòng Sở',
    coordinatingRaw: 'Các đơn vị thuộc, trực thuộc Sở',
    timelineRaw: 'Tháng 2/2023',
    note: '',
    extra: {},
    unitCode: 'VP',
    unitName: 'Văn phòng Sở',
    state: 'DRAFTING',
    statusWord: 'OPEN_OVERDUE',
    dueOn: '2023-02-28',
    extendedDueOn: null,
    completedOn: null,
    progressPercent: 0,
    pendingReviewCount: 0,
    detail: {},
    visible: true,
    ...over,
  };
}

const plan = { id: 'p', title: 'Cải cách hành chính Sở Nội vụ năm 2023', number: null, issuer: 'Sở Nội vụ', place: 'Bình Định', issuedOn: null, startYear: 2023, endYear: 2023 };

function input(tasks: PlanTaskFacts[]): PlanProgressInput {
  return {
    organization: { code: 'SNV-BD', name: 'Sở Nội vụ tỉnh Bình Định' },
    plan,
    sections: [
      { id: 's2', code: 'II', title: 'CẢI CÁCH THỂ CHẾ', position: 1 },
      { id: 's1', code: 'I', title: 'CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH', position: 0 },
    ],
    tasks,
    asOf: '2025-03-31',
  };
}

describe('plan progress layout', () => {
  it('reads STT from the row key', () => {
    expect(sttOf('II.2')).toBe('2');
    expect(sttOf('III.4/BTG')).toBe('4');
    expect(sttOf('.3')).toBe('3');
    expect(sttOf(null)).toBe('');
  });

  it('orders sections by their place in the plan and rows by STT as numbers, group rows with their units by code', () => {
    const group = task({ rowKey: 'I.2', sectionId: 's1', unitCode: null, unitName: null, leadRaw: 'Các đơn vị thuộc, trực thuộc Sở', statusWord: 'OPEN_OVERDUE' });
    const report = buildPlanProgress(
      input([
        task({ rowKey: 'II.1', sectionId: 's2', state: 'COMPLETED', statusWord: 'DONE_LATE', completedOn: '2023-03-10' }),
        task({ rowKey: 'I.10', sectionId: 's1' }),
        task({ rowKey: 'I.9', sectionId: 's1', state: 'PENDING_TRIGGER', statusWord: 'WAITING', dueOn: null }),
        group,
        task({ rowKey: 'I.2/VP', parentTaskId: group.taskId, unitCode: 'VP', unitName: 'Văn phòng Sở', state: 'COMPLETED', statusWord: 'DONE_ON_TIME', completedOn: '2023-02-20' }),
        task({ rowKey: 'I.2/BTG', parentTaskId: group.taskId, unitCode: 'BTG', unitName: 'Ban Tôn giáo' }),
      ]),
    );
    expect(report.sections.map((s) => s.code)).toEqual(['I', 'II']);
    expect(report.sections[0].rows.map((r) => r.stt)).toEqual(['2', '9', '10']);
    const row = report.sections[0].rows[0];
    expect(row.units.map((u) => u.unitCode)).toEqual(['BTG', 'VP']);
    expect(row.result).toEqual(['Đơn vị đã hoàn thành: 1/2', 'Đơn vị quá hạn: Ban Tôn giáo']);
    expect(row.units[1]).toMatchObject({ statusLabel: 'Hoàn thành đúng hạn', result: ['Hoàn thành ngày 20/02/2023'] });
    // Totals count the plan's rows: a group-led row once.
    expect(report.totals).toEqual({ total: 4, byStatus: { OPEN_ON_TIME: 0, OPEN_OVERDUE: 2, DONE_ON_TIME: 0, DONE_LATE: 1, WAITING: 1, CANCELLED: 0, NOT_ARISEN: 0 } });
  });

  it('says what was done: completion, extension, milestones, report rounds, and the draft only to whoever may see the task', () => {
    const facts = task({
      state: 'COMPLETED',
      statusWord: 'DONE_ON_TIME',
      completedOn: '2023-03-05',
      extendedDueOn: '2023-03-07',
      detail: {
        draft: { text: 'Đã  ban hành\nKế hoạch số 12/KH-SNV', attachments: [], progressPercent: 100, updatedBy: null, updatedAt: null },
        milestones: [
          { position: 0, label: 'Ban hành Kế hoạch', kind: 'deadline', dueOn: '2023-02-28', state: 'DONE', completedOn: '2023-02-20' },
          { position: 1, label: 'Thực hiện', kind: 'ongoing', dueOn: '2023-12-31', state: 'DONE', completedOn: '2023-03-05' },
        ],
        blockers: [{ id: 'b', text: 'Thiếu kinh phí', raisedBy: 'u', raisedAt: 'x', resolution: null, resolvedBy: null, resolvedAt: null }],
      },
    });
    expect(resultLinesOf(facts)).toEqual([
      'Hoàn thành ngày 05/03/2023',
      'Gia hạn đến 07/03/2023 (hạn ban đầu 28/02/2023)',
      'Ban hành Kế hoạch: hoàn thành ngày 20/02/2023',
      'Thực hiện: hoàn thành ngày 05/03/2023',
      'Nội dung: Đã ban hành Kế hoạch số 12/KH-SNV',
      'Vướng mắc: Thiếu kinh phí',
    ]);
    expect(resultLinesOf({ ...facts, visible: false }).join('\n')).not.toMatch(/Nội dung|Vướng mắc/);

    const recurring = task({
      detail: {
        rounds: [
          { key: 'Q1', label: 'Báo cáo quý I', opensOn: '', dueOn: '2023-03-14', state: 'ACKNOWLEDGED', submittedAt: null, submittedOn: null, text: 'Đã tuyên truyền 3 tin bài' },
          { key: 'H1', label: 'Báo cáo 6 tháng', opensOn: '', dueOn: '2023-06-14', state: 'OPEN', submittedAt: null, submittedOn: null, text: null },
        ],
      },
      progressPercent: 40,
    });
    expect(resultLinesOf(recurring)).toEqual(['Đang dự thảo (tiến độ 40%)', 'Báo cáo định kỳ: đã nộp 1/2 kỳ', 'Báo cáo quý I: Đã tuyên truyền 3 tin bài']);
    expect(resultLinesOf(task({ state: 'IN_REVIEW', pendingReviewCount: 3 }))).toEqual(['Đang lấy ý kiến phối hợp (còn chờ 3 đơn vị)']);
    expect(resultLinesOf(task({ state: 'PENDING_TRIGGER', detail: { trigger: null } }))).toEqual(['Chưa bắt đầu: chờ sự kiện']);
    // An open task whose deadline is a day off: when it really ends (BLDS 2015 art. 148(5)).
    const saturday = task({ state: 'DRAFTING', progressPercent: 0, dueOn: '2025-03-29', extendedDueOn: null, workingDueOn: '2025-03-31', detail: {} });
    expect(resultLinesOf(saturday)).toContain('Hạn 29/03/2025 là ngày nghỉ: kết thúc cuối ngày 31/03/2025 (Điều 148 khoản 5 BLDS 2015)');
    expect(resultLinesOf({ ...saturday, workingDueOn: '2025-03-29' }).join('\n')).not.toMatch(/ngày nghỉ/);
    expect(resultLinesOf({ ...saturday, state: 'CANCELLED' }).join('\n')).not.toMatch(/ngày nghỉ/);
    // An event row closed at the plan end without its event: not "done" (issue 16 item 7).
    expect(resultLinesOf(task({ state: 'COMPLETED', statusWord: 'NOT_ARISEN', completedOn: '2023-12-31', dueOn: null, detail: {} }))).toEqual([
      'Không phát sinh: đến hết kỳ kế hoạch, sự kiện khởi động không xảy ra',
    ]);
  });

  it('names the plan by what it tells', () => {
    expect(planReferenceOf(plan)).toBe('Kế hoạch của Sở Nội vụ năm 2023');
    expect(planReferenceOf({ ...plan, number: '25/KH-SNV', issuedOn: '2023-02-03' })).toBe('Kế hoạch số 25/KH-SNV ngày 03/02/2023 của Sở Nội vụ');
  });

  it('lays the document out as the appendix: section bands, the appendix columns, the result and status, units under their row, totals', () => {
    const group = task({ rowKey: 'I.1', unitCode: null, unitName: null, extra: { 'Sản phẩm': 'Kế hoạch' } });
    const report = buildPlanProgress(
      input([group, task({ rowKey: 'I.1/BTG', parentTaskId: group.taskId, unitCode: 'BTG', unitName: 'Ban Tôn giáo', extendedDueOn: '2023-04-30', statusWord: 'OPEN_ON_TIME' })]),
    );
    const doc = planProgressDocument(report);
    assertWellFormed(doc);
    expect(doc.columns.map((c) => c.header)).toEqual([
      'STT',
      'Nhiệm vụ cụ thể',
      'Cơ quan chủ trì',
      'Cơ quan phối hợp',
      'Thời gian thực hiện',
      'Sản phẩm',
      'Kết quả thực hiện',
      'Tình trạng',
      'Ghi chú',
    ]);
    expect(doc.heading.map((l) => l.text)).toEqual([
      'SỞ NỘI VỤ TỈNH BÌNH ĐỊNH',
      'BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH',
      'Cải cách hành chính Sở Nội vụ năm 2023',
      '(Kế hoạch của Sở Nội vụ năm 2023)',
      'Tính đến ngày 31/03/2025',
    ]);
    expect(doc.rows[0]).toEqual({ kind: 'band', text: 'I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH' });
    expect(doc.rows[1]).toMatchObject({ kind: 'cells' });
    const cells = (i: number) => (doc.rows[i] as { cells: Array<{ value: unknown; fill?: string }> }).cells;
    expect(cells(1).map((c) => c.value)).toEqual([
      '1',
      group.title,
      'Văn phòng Sở',
      'Các đơn vị thuộc, trực thuộc Sở',
      'Tháng 2/2023',
      'Kế hoạch',
      'Đơn vị đã hoàn thành: 0/1',
      'Đang thực hiện quá hạn',
      '',
    ]);
    expect(cells(1)[7].fill).toBe(STATUS_WORD_COLOURS.OPEN_OVERDUE.tint);
    expect(cells(2).map((c) => c.value).slice(0, 5)).toEqual(['', '- Ban Tôn giáo', 'Ban Tôn giáo', '', 'Gia hạn đến 30/04/2023']);
    expect(doc.rows[3]).toEqual({ kind: 'band', text: 'II. CẢI CÁCH THỂ CHẾ' });
    expect(doc.rows[4]).toEqual({ kind: 'band', text: 'TỔNG HỢP' });
    const totals = doc.rows.slice(5).map((r) => (r as { cells: Array<{ value: unknown }> }).cells.map((c) => c.value).slice(1, 3));
    expect(totals).toEqual([
      ['Tổng số nhiệm vụ', 1],
      ['Đang thực hiện trong hạn', 0],
      ['Đang thực hiện quá hạn', 1],
      ['Hoàn thành đúng hạn', 0],
      ['Hoàn thành quá hạn', 0],
      ['Chờ sự kiện', 0],
      ['Đã hủy', 0],
      ['Không phát sinh', 0],
    ]);
    expect(doc.fileName).toBe('Tiến độ thực hiện - Cải cách hành chính Sở Nội vụ năm 2023 - đến ngày 31-03-2025');
    expect(doc.orientation).toBe('landscape');
  });
});
