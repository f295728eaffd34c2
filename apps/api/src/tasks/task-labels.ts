/**
 * The Vietnamese words of the task pages: states, the steps of the audit trail, and how a
 * signature reads. Codes stay English in the API; these labels go beside them for people.
 */

export const STATE_LABELS: Record<string, string> = {
  PENDING_TRIGGER: 'Chờ sự kiện',
  DRAFTING: 'Đang dự thảo',
  IN_REVIEW: 'Đang lấy ý kiến phối hợp',
  AWAITING_APPROVAL: 'Chờ lãnh đạo phê duyệt',
  COMPLETED: 'Đã hoàn thành',
  CANCELLED: 'Đã hủy',
};

/** Lines of the history, by event type: the workflow's own words (one list for both). */
export { EVENT_LABELS, eventLabelOf } from '@app/workflows/task-lifecycle/event-labels';

export interface PersonRef {
  id: string;
  fullName: string;
  title: string;
}

/**
 * Who did it, as a line of the history: "Hệ thống" for timers, the person with their title, and
 * for a deputy signing for the director "KT. Giám đốc Lê Minh Tuấn — Phó Giám đốc Trần Quốc Việt".
 */
export function actorLabelOf(actor: PersonRef | null, onBehalfOf: PersonRef | null): string {
  if (!actor) return 'Hệ thống';
  const who = actor.title ? `${actor.title} ${actor.fullName}` : actor.fullName;
  if (!onBehalfOf) return who;
  return `KT. ${onBehalfOf.title || 'Giám đốc'} ${onBehalfOf.fullName} — ${who}`;
}
