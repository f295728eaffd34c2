import type { RemoveAttachmentInput } from '../task-lifecycle.contract';
import { REFUSAL } from '../task-lifecycle.contract';
import { fileInUse, isInvolved, permit, refuse, stay } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';
import { exampleFacts, validAttachmentFacts } from './record-attachment';

export const removeAttachment = defineAction({
  name: 'removeAttachment',
  route: 'attachments/:fileId',
  endpoint: 'DELETE /tasks/:id/attachments/:fileId',
  label: 'Gỡ tệp',
  who: 'Người đã tải tệp lên (người tham gia nhiệm vụ), khi nhiệm vụ chưa kết thúc và tệp chưa nằm trong dự thảo hoặc báo cáo đã trình.',
  fields: { fileId: field.uuid({ description: 'Định danh tệp (trong đường dẫn)' }) },
  allowed(m, actor) {
    permit(isInvolved(m, actor), 'Bạn không tham gia nhiệm vụ này.');
  },
  check(m, i: RemoveAttachmentInput, ctx) {
    this.allowed(m, i.actor, ctx);
    const f = validAttachmentFacts(i.attachment);
    if (f.uploadedBy !== i.actor.userId) refuse(REFUSAL.ATTACHMENT_NOT_YOURS, 'Chỉ người đã tải tệp lên được gỡ tệp này.');
    if (i.referencedBySubmission || fileInUse(m, f.fileId)) {
      refuse(REFUSAL.ATTACHMENT_IN_USE, 'Tệp đã nằm trong dự thảo hoặc báo cáo đã trình, không thể gỡ.');
    }
  },
  apply(m, i: RemoveAttachmentInput, _ctx, emit) {
    const { fileId, name, contentType, size, sha256, uploadedBy } = i.attachment;
    const before = m.draft.attachments.length;
    m.draft.attachments = m.draft.attachments.filter((a) => a.fileId !== fileId);
    emit('ATTACHMENT_REMOVED', stay(m), { fileId, name, contentType, size, sha256, uploadedBy, removedFromDraft: m.draft.attachments.length !== before });
  },
  events: { ATTACHMENT_REMOVED: { recipients: [] } },
  example: (_m, actor) => ({ attachment: exampleFacts(actor) }),
});
