import { REFUSAL, SubmitInput } from '../task-lifecycle.contract';
import type { TaskModel } from '../task-machine';
import { isOwnerHead, permit, refuse, rememberSubmittedFiles, requireSingle, requireState, requireText, startReview, transition } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

/** A submission past the reviewers is possible: they disagreed last round, or stayed silent past an escalated window. */
function overridePossible(m: TaskModel): boolean {
  const afterReview = m.state === 'DRAFTING' && !!m.lastReview && m.lastReview.outcome !== 'agreed';
  const escalated = m.state === 'IN_REVIEW' && !!m.review?.escalated;
  return afterReview || escalated;
}

/** A plain submission's conditions (no override). */
function requireSubmittable(m: TaskModel): void {
  requireState(m, ['DRAFTING'], 'trình');
  if (!m.draft.text.trim() && !m.draft.attachments.length) refuse(REFUSAL.DRAFT_EMPTY, 'Chưa có dự thảo hoặc tệp kết quả để trình.');
  if (m.coordinatingToBeNamed) {
    refuse(REFUSAL.COORDINATING_UNITS_REQUIRED, 'Kế hoạch ghi "các đơn vị liên quan": cần chọn đơn vị phối hợp (hoặc xác nhận không cần) trước khi trình.');
  }
}

/** What a note with a submission may hold (reviewers and the approver read it). */
export const MAX_SUBMIT_NOTE = 2_000;

export const submit = defineAction({
  name: 'submit',
  route: 'submit',
  label: 'Trình',
  who: 'Trưởng đơn vị chủ trì, khi dự thảo có nội dung (và đã chọn đơn vị phối hợp nếu kế hoạch ghi "các đơn vị liên quan"); trình vượt ý kiến phối hợp khi có đơn vị không đồng ý hoặc quá hạn không cho ý kiến, kèm lý do.',
  fields: {
    overrideReview: field.boolean({ optional: true, description: 'Trình phê duyệt dù đơn vị phối hợp không đồng ý hoặc quá hạn không cho ý kiến' }),
    justification: field.text({ optional: true, description: 'Lý do trình vượt (bắt buộc khi overrideReview)' }),
    note: field.text({ optional: true, maxLength: MAX_SUBMIT_NOTE, description: 'Ghi chú gửi đơn vị phối hợp và lãnh đạo phê duyệt (tối đa 2.000 ký tự)' }),
  },
  allowed(m, actor) {
    requireSingle(m, 'trình theo cách này');
    permit(isOwnerHead(m, actor), 'Chỉ trưởng đơn vị chủ trì được trình.');
    if (overridePossible(m)) return;
    requireSubmittable(m);
  },
  check(m, i: SubmitInput) {
    requireSingle(m, 'trình theo cách này');
    if (i.note !== undefined && i.note !== null && (typeof i.note !== 'string' || i.note.length > MAX_SUBMIT_NOTE)) {
      refuse(REFUSAL.INVALID_INPUT, `Ghi chú khi trình tối đa ${MAX_SUBMIT_NOTE.toLocaleString('vi-VN')} ký tự.`);
    }
    permit(isOwnerHead(m, i.actor), 'Chỉ trưởng đơn vị chủ trì được trình.');
    if (i.overrideReview) {
      requireText(i.justification, 'Trình vượt ý kiến phối hợp cần nêu lý do.');
      if (!overridePossible(m)) {
        refuse(REFUSAL.OVERRIDE_NOT_ALLOWED, 'Chỉ trình vượt được khi có đơn vị phối hợp không đồng ý hoặc quá hạn không cho ý kiến.');
      }
      return;
    }
    requireSubmittable(m);
  },
  apply(m, i: SubmitInput, ctx, emit) {
    m.instruction = null;
    rememberSubmittedFiles(m, m.draft.attachments);
    const note = i.note?.trim() || null;
    m.submission = { overrideReview: !!i.overrideReview, justification: i.justification?.trim() || null, byUserId: i.actor.userId, ...(note ? { note } : {}) };
    if (i.overrideReview) {
      const pending = m.review?.opinions.filter((o) => !o.opinion).map((o) => o.unitCode) ?? [];
      if (m.review) {
        // The approver sees what this round said and who stayed silent.
        const given = m.review.opinions.filter((o) => o.opinion);
        m.lastReview = { outcome: given.some((o) => o.opinion === 'disagree') ? 'disagreed' : 'silent', comments: m.review.opinions.filter((o) => o.comment || !o.opinion) };
        m.review = null;
      }
      emit('SUBMITTED_OVERRIDING_REVIEW', transition(m, 'AWAITING_APPROVAL'), {
        justification: m.submission.justification,
        lastReview: m.lastReview,
        silentUnits: pending,
        ...(note ? { note } : {}),
      });
    } else if (m.coordinating.length) {
      startReview(m, ctx);
      emit('SUBMITTED_FOR_REVIEW', transition(m, 'IN_REVIEW'), {
        round: m.review!.round,
        reviewers: m.coordinating.map((u) => u.unitCode),
        windowEndsOn: m.review!.windowEndsOn,
        ...(note ? { note } : {}),
      });
    } else {
      emit('SUBMITTED_FOR_APPROVAL', transition(m, 'AWAITING_APPROVAL'), note ? { note } : {});
    }
  },
  events: {
    SUBMITTED_FOR_REVIEW: { recipients: ['reviewUnitHead', 'reviewUnitOfficer'] },
    SUBMITTED_FOR_APPROVAL: { recipients: ['approver'] },
    SUBMITTED_OVERRIDING_REVIEW: { recipients: ['approver'] },
  },
  example: (m) => (overridePossible(m) ? { overrideReview: true, justification: 'Lý do trình vượt' } : {}),
});
