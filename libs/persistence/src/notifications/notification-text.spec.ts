import { formatVietnameseDate, NotificationFacts, renderEmail, renderNotification, statusWordText } from './notification-text';

const TITLE = 'Xây dựng Kế hoạch cải cách hành chính năm 2024 của Sở Nội vụ';
const LINK = 'https://planflow.example/tasks/0b9c6f7e-1111-4222-8333-944445555666';

function facts(type: string, payload: Record<string, unknown> = {}, task: Partial<NotificationFacts['task']> = {}): NotificationFacts {
  return {
    type,
    payload,
    task: {
      title: TITLE,
      dueOn: '2023-03-31',
      statusWord: 'OPEN_OVERDUE',
      planTitle: 'Kế hoạch cải cách hành chính năm 2023',
      ownerUnitName: 'Văn phòng Sở',
      ...task,
    },
    link: LINK,
  };
}

describe('notification text', () => {
  it('writes dates the Vietnamese way and status keys as the words users know', () => {
    expect(formatVietnameseDate('2023-03-31')).toBe('31/03/2023');
    expect(formatVietnameseDate('2024-01-05T00:00:00Z')).toBe('05/01/2024');
    expect(formatVietnameseDate(null)).toBeNull();
    expect(statusWordText('OPEN_OVERDUE')).toBe('Đang thực hiện quá hạn');
    expect(statusWordText('OPEN_ON_TIME')).toBe('Đang thực hiện trong hạn');
    expect(statusWordText('Chờ sự kiện')).toBe('Chờ sự kiện');
  });

  it.each([
    ['DEADLINE_REMINDER', { workingDays: 1, dueOn: '2023-03-31' }, 'Nhắc việc: còn 1 ngày làm việc đến hạn 31/03/2023', '[Nhắc việc] '],
    ['DEADLINE_REMINDER', { workingDays: 5, workingDaysLeft: 4, dueOn: '2023-03-31' }, 'Nhắc việc: còn 4 ngày làm việc đến hạn 31/03/2023', '[Nhắc việc] '],
    ['DEADLINE_REMINDER', { workingDays: 1, workingDaysLeft: 0, dueOn: '2023-03-31' }, 'Nhắc việc: nhiệm vụ đến hạn hôm nay 31/03/2023', '[Nhắc việc] '],
    ['DEADLINE_PASSED', { dueOn: '2023-03-31' }, 'Quá hạn: nhiệm vụ chưa hoàn thành, hạn 31/03/2023', '[Quá hạn] '],
    ['ESCALATED_TO_DEPUTY', { workingDays: 3 }, 'Đã chuyển Phó Giám đốc phụ trách: nhiệm vụ quá hạn 3 ngày làm việc', '[Quá hạn – báo cáo Phó Giám đốc] '],
    ['ESCALATED_TO_DIRECTOR', { workingDays: 10 }, 'Đã báo cáo Giám đốc: nhiệm vụ quá hạn 10 ngày làm việc', '[Quá hạn – báo cáo Giám đốc] '],
    ['REVIEW_REMINDER', { windowEndsOn: '2023-03-10', workingDays: 1 }, 'Nhắc góp ý: hạn góp ý đến hết ngày 10/03/2023', '[Nhắc góp ý] '],
    ['REVIEW_ESCALATED', { windowEndsOn: '2023-03-10', units: ['TCBC', 'CCVC'] }, 'Quá hạn góp ý: đơn vị TCBC, CCVC chưa gửi ý kiến', '[Quá hạn góp ý] '],
    ['REVIEW_ESCALATED_TO_DIRECTOR', { windowEndsOn: '2023-03-10', units: ['TCBC'], workingDays: 3 }, 'Đã báo cáo Giám đốc: đơn vị TCBC chưa gửi ý kiến góp ý', '[Quá hạn góp ý – báo cáo Giám đốc] '],
    ['APPROVAL_REMINDER', { workingDays: 2 }, 'Nhắc phê duyệt: nhiệm vụ đã chờ phê duyệt 2 ngày làm việc', '[Chờ phê duyệt] '],
    ['APPROVAL_ESCALATED', { workingDays: 5 }, 'Chậm phê duyệt: nhiệm vụ đã chờ phê duyệt 5 ngày làm việc', '[Chậm phê duyệt] '],
    ['BLOCKER_RAISED', { text: 'Thiếu hướng dẫn của Bộ Nội vụ' }, 'Vướng mắc cần tháo gỡ: Thiếu hướng dẫn của Bộ Nội vụ', '[Vướng mắc] '],
    ['SOMETHING_NEW', {}, 'Thông báo về nhiệm vụ', '[Thông báo] '],
  ])('%s: title, subject and a body with the task, plan, deadline and status', (type, payload, title, tag) => {
    const text = renderNotification(facts(type, payload));
    expect(text.title).toBe(title);
    expect(text.subject).toBe(`${tag}${TITLE}`);
    expect(text.body).toContain(`“${TITLE}”`);
    expect(text.body).toContain(`Nhiệm vụ: ${TITLE}`);
    expect(text.body).toContain('Kế hoạch: Kế hoạch cải cách hành chính năm 2023');
    expect(text.body).toContain('Hạn hoàn thành: 31/03/2023');
    expect(text.body).toContain('Trạng thái: Đang thực hiện quá hạn');
  });

  it('says how late, against which deadline, in the escalation sentence', () => {
    expect(renderNotification(facts('ESCALATED_TO_DEPUTY', { workingDays: 3, dueOn: '2023-03-31' })).body.split('\n')[0]).toBe(
      `Nhiệm vụ “${TITLE}” đã quá hạn 3 ngày làm việc (hạn 31/03/2023) mà chưa hoàn thành; hệ thống chuyển Phó Giám đốc phụ trách để chỉ đạo.`,
    );
    expect(renderNotification(facts('REVIEW_ESCALATED', { windowEndsOn: '2023-03-10', units: ['TCBC'] })).body).toContain(
      'Đã hết thời hạn góp ý (ngày 10/03/2023) đối với nhiệm vụ',
    );
    expect(renderNotification(facts('REVIEW_REMINDER', { windowEndsOn: '2023-03-10' })).body).toContain('Hạn góp ý: 10/03/2023');
  });

  it('the ladder deadline of the event wins over the task row; no plan, no deadline: those lines are left out', () => {
    expect(renderNotification(facts('DEADLINE_PASSED', { dueOn: '2023-04-14' })).body).toContain('Hạn hoàn thành: 14/04/2023');
    const adHoc = renderNotification(facts('DEADLINE_PASSED', {}, { planTitle: null, dueOn: null, ownerUnitName: null }));
    expect(adHoc.title).toBe('Quá hạn: nhiệm vụ chưa hoàn thành');
    expect(adHoc.body).not.toMatch(/Kế hoạch:|Hạn hoàn thành:|Đơn vị chủ trì:/);
  });

  it('tolerates payloads without their numbers (older histories): no "undefined", no "0 ngày"', () => {
    for (const type of ['DEADLINE_REMINDER', 'ESCALATED_TO_DEPUTY', 'ESCALATED_TO_DIRECTOR', 'REVIEW_REMINDER', 'REVIEW_ESCALATED', 'APPROVAL_REMINDER', 'APPROVAL_ESCALATED', 'BLOCKER_RAISED']) {
      const text = renderNotification(facts(type, { workingDays: 0, units: 'x' }));
      expect(`${text.title}\n${text.body}`).not.toMatch(/undefined|null|NaN| 0 ngày/);
    }
  });

  it('keeps long titles out of the subject line but whole in the body; blocker text is cut in the title only', () => {
    const long = 'Rà soát, đánh giá '.repeat(20).trim();
    const text = renderNotification(facts('DEADLINE_PASSED', {}, { title: long }));
    expect(text.subject.length).toBeLessThanOrEqual('[Quá hạn] '.length + 150);
    expect(text.subject.endsWith('…')).toBe(true);
    expect(text.body).toContain(`Nhiệm vụ: ${long}`);
    const blocker = 'Chưa có văn bản hướng dẫn '.repeat(10).trim();
    const b = renderNotification(facts('BLOCKER_RAISED', { text: blocker }));
    expect(b.title.length).toBeLessThanOrEqual('Vướng mắc cần tháo gỡ: '.length + 120);
    expect(b.body).toContain(blocker);
  });

  it('an e-mail greets the person, carries the facts and the link, in text and in escaped HTML', () => {
    const mail = renderEmail(facts('DEADLINE_PASSED', { dueOn: '2023-03-31' }, { title: 'Rà soát <quy chế> & "nội quy"' }), { fullName: 'Nguyễn Văn Hùng' });
    expect(mail.subject).toBe('[Quá hạn] Rà soát <quy chế> & "nội quy"');
    expect(mail.text.split('\n')[0]).toBe('Kính gửi: Nguyễn Văn Hùng,');
    expect(mail.text).toContain('Hạn hoàn thành: 31/03/2023');
    expect(mail.text).toContain('Đơn vị chủ trì: Văn phòng Sở');
    expect(mail.text).toContain(`Xem và xử lý nhiệm vụ: ${LINK}`);
    expect(mail.html).toContain('Rà soát &lt;quy chế&gt; &amp; &quot;nội quy&quot;');
    expect(mail.html).not.toContain('<quy chế>');
    expect(mail.html).toContain(`<a href="${LINK}">`);
    expect(renderEmail(facts('DEADLINE_PASSED'), { fullName: '' }).text.split('\n')[0]).toBe('Kính gửi: Anh/Chị,');
  });

  it.each([
    ['SUBMITTED_FOR_REVIEW', { windowEndsOn: '2023-03-10' }, 'Đề nghị góp ý: gửi ý kiến phối hợp trước hết ngày 10/03/2023', 'Trưởng phòng Lê Thị Hồng đã trình lấy ý kiến phối hợp'],
    ['REVIEW_GIVEN', { unitCode: 'TCBC', opinion: 'disagree', comment: 'Thiếu số liệu' }, 'TCBC đã cho ý kiến phối hợp: không đồng ý', ': Thiếu số liệu. Đề nghị đơn vị chủ trì xem xét, tiếp thu.'],
    ['REVIEW_RETURNED', { opinions: [{ unitCode: 'TCBC', opinion: 'disagree' }, { unitCode: 'CCVC', opinion: 'agree' }] }, 'Có ý kiến không đồng ý (TCBC): đề nghị hoàn thiện dự thảo rồi trình lại', 'trở về bước dự thảo'],
    ['SUBMITTED_FOR_APPROVAL', {}, 'Chờ phê duyệt: đã được Trưởng phòng Lê Thị Hồng trình phê duyệt, đề nghị lãnh đạo xem xét phê duyệt', 'phê duyệt hoặc trả lại'],
    ['RETURNED', { comment: 'Bổ sung biểu mẫu' }, 'Lãnh đạo trả lại: đề nghị chỉnh sửa theo ý kiến chỉ đạo rồi trình lại', 'Ý kiến chỉ đạo: Bổ sung biểu mẫu'],
    ['EXTENSION_REQUESTED', { requestedDueOn: '2023-04-30', reason: 'Chờ số liệu' }, 'Đề nghị gia hạn đến 30/04/2023: đề nghị lãnh đạo quyết định', 'Lý do: Chờ số liệu'],
    ['EXTENSION_GRANTED', { newDueOn: '2023-04-30' }, 'Đồng ý gia hạn đến 30/04/2023: đề nghị hoàn thành theo hạn mới', 'hoàn thành theo hạn mới'],
    ['EXTENSION_REFUSED', { comment: 'Không đủ lý do' }, 'Không đồng ý gia hạn: giữ hạn 31/03/2023', 'Lý do: Không đủ lý do'],
    ['REASSIGNED', { from: { unitCode: 'CCHC' }, to: { unitCode: 'TTRA' }, reason: 'Đúng chức năng' }, 'Giao lại nhiệm vụ từ CCHC cho TTRA: đơn vị mới chủ trì thực hiện', 'Lý do: Đúng chức năng'],
    ['REMINDED', { message: 'Khẩn trương' }, 'Đôn đốc: đề nghị khẩn trương xử lý nhiệm vụ đang chờ Anh/Chị', 'đôn đốc nhiệm vụ'],
  ])('hand-off %s: says what happened, who did it and what to do next', (type, payload, title, sentencePart) => {
    const text = renderNotification({ ...facts(type, payload), actorName: 'Trưởng phòng Lê Thị Hồng' });
    expect(text.title).toBe(title);
    expect(text.body.split('\n')[0]).toContain(sentencePart);
    expect(text.body).toContain(`“${TITLE}”`);
  });
});
