import type { Actor, AttachmentFacts, RecordAttachmentInput } from '../task-lifecycle.contract';
import { REFUSAL } from '../task-lifecycle.contract';
import type { TaskModel } from '../task-machine';
import { isLeaderFor, isOwnerMember, opinionAwaited, refuse, stay } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

/**
 * Who may add a file to the task now (issue 17), the one statement of the rule; null when `actor`
 * may, else why not (Vietnamese). A closed task is refused before (TASK_CLOSED, `checkAction`).
 *  - the lead unit (its officers and head, the officer the task is given to) while the task is
 *    being drafted, or, for a continuous row, while a report round is open;
 *  - a coordinating unit asked for its opinion (its head or officers), while the review is open
 *    and the unit has not given it yet;
 *  - leadership that decides the task (the director, the deputy in charge, a deputy signing "KT."
 *    within a grant) while the task waits on their decision: approval, or an extension request.
 */
export function uploadRefusal(m: TaskModel, actor: Actor): string | null {
  const lead = isOwnerMember(m, actor) || (!!m.assignee && m.assignee.userId === actor.userId);
  const leadOpen = m.mode === 'recurring' ? m.rounds.some((r) => r.state === 'OPEN') : m.state === 'DRAFTING';
  if (lead && leadOpen) return null;
  if (m.state === 'IN_REVIEW' && isPendingReviewer(m, actor)) return null;
  if (isLeaderFor(m, actor) && (m.state === 'AWAITING_APPROVAL' || !!m.extensions.pending)) return null;
  switch (m.state) {
    case 'PENDING_TRIGGER':
      return 'Nhiệm vụ đang chờ sự kiện, chưa thể tải tệp lên.';
    case 'IN_REVIEW':
      return 'Khi nhiệm vụ đang lấy ý kiến phối hợp, chỉ đơn vị phối hợp chưa cho ý kiến được tải tệp lên.';
    case 'AWAITING_APPROVAL':
      return 'Khi nhiệm vụ chờ phê duyệt, chỉ lãnh đạo phụ trách được tải tệp lên.';
    default:
      return m.mode === 'recurring'
        ? 'Chỉ cán bộ, trưởng đơn vị chủ trì được tải tệp lên, khi có kỳ báo cáo đang mở.'
        : 'Khi nhiệm vụ đang dự thảo, chỉ cán bộ, trưởng đơn vị chủ trì được tải tệp lên.';
  }
}

/** The actor is of a coordinating unit whose opinion this review round still waits for. */
function isPendingReviewer(m: TaskModel, a: Actor): boolean {
  if (!a.unitId || !(a.roles.includes('unitHead') || a.roles.includes('officer'))) return false;
  const mine = m.review?.opinions.find((o) => o.unitId === a.unitId);
  return !!mine && opinionAwaited(mine);
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The stored file's facts, as the API read them from its attachments row. */
export function validAttachmentFacts<F extends Omit<AttachmentFacts, 'uploadedBy'>>(f: F | undefined): F {
  const x = f as F;
  if (
    !x ||
    typeof x.fileId !== 'string' ||
    !x.fileId ||
    x.fileId.length > 100 ||
    typeof x.name !== 'string' ||
    !x.name ||
    x.name.length > 255 ||
    typeof x.contentType !== 'string' ||
    !Number.isInteger(x.size) ||
    x.size < 0 ||
    typeof x.sha256 !== 'string' ||
    !SHA256.test(x.sha256)
  ) {
    refuse(REFUSAL.INVALID_INPUT, 'Thông tin tệp đính kèm không hợp lệ (định danh, tên, loại, dung lượng, SHA-256).');
  }
  return x;
}

/** A valid file for the registry's own checks (tests): uploaded by `actor`. */
export const exampleFacts = (actor?: Actor): AttachmentFacts => ({
  fileId: 'file-example',
  name: 'bao-cao.pdf',
  contentType: 'application/pdf',
  size: 1024,
  sha256: 'a'.repeat(64),
  uploadedBy: actor?.userId ?? null,
});

export const recordAttachment = defineAction({
  name: 'recordAttachment',
  route: 'attachments',
  endpoint: 'POST /tasks/:id/attachments (multipart/form-data)',
  label: 'Tải tệp lên',
  who: 'Đơn vị chủ trì (cán bộ, trưởng đơn vị, cán bộ được giao) khi nhiệm vụ đang dự thảo hoặc có kỳ báo cáo đang mở; đơn vị phối hợp chưa cho ý kiến, khi đang lấy ý kiến phối hợp; lãnh đạo phụ trách (Giám đốc, Phó Giám đốc phụ trách, KT. Giám đốc trong ủy quyền) khi nhiệm vụ chờ quyết định của lãnh đạo. Nhiệm vụ đã kết thúc không nhận thêm tệp.',
  fields: { file: field.file({ description: 'Tệp tải lên (multipart/form-data, trường file)' }) },
  allowed(m, actor) {
    const why = uploadRefusal(m, actor);
    if (why) refuse(REFUSAL.UPLOAD_NOT_ALLOWED, why);
  },
  check(m, i: RecordAttachmentInput, ctx) {
    this.allowed(m, i.actor, ctx);
    validAttachmentFacts(i.attachment);
  },
  apply(m, i: RecordAttachmentInput, _ctx, emit) {
    const { fileId, name, contentType, size, sha256 } = i.attachment;
    emit('ATTACHMENT_UPLOADED', stay(m), { fileId, name, contentType, size, sha256, uploadedBy: i.actor.userId, uploaderName: i.actor.displayName ?? null });
  },
  events: { ATTACHMENT_UPLOADED: { recipients: [] } },
  example: () => {
    const { uploadedBy: _u, ...facts } = exampleFacts();
    return { attachment: facts };
  },
});
