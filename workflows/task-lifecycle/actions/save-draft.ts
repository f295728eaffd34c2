import { REFUSAL, SaveDraftInput } from '../task-lifecycle.contract';
import { isOwnerHead, isOwnerMember, isoInstant, MAX_TEXT, permit, refuse, requireState, stay, validAttachments } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

export const saveDraft = defineAction({
  name: 'saveDraft',
  route: 'save-draft',
  label: 'Lưu dự thảo',
  who: 'Cán bộ hoặc trưởng đơn vị chủ trì, khi nhiệm vụ đang dự thảo.',
  fields: {
    text: field.text({ optional: true, description: 'Nội dung dự thảo' }),
    attachments: field.attachments({ optional: true, description: 'Tệp đính kèm (thay cả danh sách)' }),
    progressPercent: field.int({ optional: true, min: 0, max: 100 }),
  },
  allowed(m, actor) {
    permit(isOwnerMember(m, actor), 'Chỉ cán bộ của đơn vị chủ trì được cập nhật dự thảo.');
    requireState(m, ['DRAFTING'], 'cập nhật dự thảo');
  },
  check(m, i: SaveDraftInput, ctx) {
    this.allowed(m, i.actor, ctx);
    if (i.text === undefined && i.attachments === undefined && i.progressPercent === undefined) {
      refuse(REFUSAL.INVALID_INPUT, 'Không có nội dung nào để lưu.');
    }
    if (i.text !== undefined && (typeof i.text !== 'string' || i.text.length > MAX_TEXT)) refuse(REFUSAL.INVALID_INPUT, 'Nội dung dự thảo không hợp lệ.');
    validAttachments(i.attachments);
    if (i.progressPercent !== undefined && (!Number.isInteger(i.progressPercent) || i.progressPercent < 0 || i.progressPercent > 100)) {
      refuse(REFUSAL.INVALID_INPUT, 'Tiến độ phải là số nguyên từ 0 đến 100.');
    }
  },
  apply(m, i: SaveDraftInput, ctx, emit) {
    if (i.text !== undefined) m.draft.text = i.text;
    if (i.attachments !== undefined) m.draft.attachments = i.attachments;
    const wasReady = m.draft.progressPercent >= 100;
    if (i.progressPercent !== undefined) m.draft.progressPercent = i.progressPercent;
    m.draft.updatedBy = i.actor.userId;
    m.draft.updatedAt = isoInstant(ctx);
    emit('DRAFT_SAVED', stay(m), { textLength: m.draft.text.length, attachments: m.draft.attachments, progressPercent: m.draft.progressPercent });
    // The officer's hand-off to the head: once a drafting round, when the draft is at 100 %
    // (executions from before the step keep saving silently: `draftReadyNotice`, patched
    // draft-ready-v1; those from before draft-ready-each-round-v1 only when the progress crosses
    // 100 %, so a redraft after a return at 100 % told nobody).
    const ready = m.draft.progressPercent >= 100;
    if (m.draftReadyEachRound) {
      if (ready && !m.draftReadyAnnounced) {
        if (!isOwnerHead(m, i.actor)) emit('DRAFT_READY', stay(m), { textLength: m.draft.text.length, progressPercent: m.draft.progressPercent });
        m.draftReadyAnnounced = true;
      }
    } else if (m.draftReadyNotice && !wasReady && ready && !isOwnerHead(m, i.actor)) {
      emit('DRAFT_READY', stay(m), { textLength: m.draft.text.length, progressPercent: m.draft.progressPercent });
    }
  },
  events: { DRAFT_SAVED: { recipients: [] }, DRAFT_READY: { recipients: ['leadUnitHead'] } },
  example: () => ({ text: 'Dự thảo' }),
});
