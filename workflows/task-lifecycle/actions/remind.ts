import { REFUSAL, RemindInput } from '../task-lifecycle.contract';
import { isLeaderFor, isMonitor, MAX_TEXT, permit, refuse, signature, stay, todayOf, waitingOnOf } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

/** What a reminder is keyed by: one per task, sender and day (Asia/Ho_Chi_Minh, the workflow clock). */
const reminderKey = (userId: string, day: string) => `${userId}:${day}`;
const MAX_REMINDERS = 500;

/** Đôn đốc: the monitor or leadership urges whoever the task waits on. */
export const remind = defineAction({
  name: 'remind',
  route: 'remind',
  label: 'Đôn đốc',
  who: 'Bộ phận theo dõi, Giám đốc hoặc Phó Giám đốc phụ trách, khi nhiệm vụ đang chờ một người xử lý; mỗi người một lần mỗi ngày cho mỗi nhiệm vụ.',
  fields: {
    message: field.text({ optional: true, label: 'Lời nhắn', description: 'Lời nhắn đôn đốc (không bắt buộc)', example: 'Đề nghị khẩn trương hoàn thành trước ngày 15/3.' }),
  },
  allowed(m, actor, ctx) {
    permit(isMonitor(actor) || isLeaderFor(m, actor), 'Chỉ bộ phận theo dõi hoặc lãnh đạo được đôn đốc nhiệm vụ.');
    const waiting = waitingOnOf(m).kind;
    if (!['lead_unit', 'reviewers', 'approver', 'extension_decision'].includes(waiting)) {
      refuse(REFUSAL.INVALID_STATE, 'Nhiệm vụ không chờ ai xử lý lúc này, không cần đôn đốc.');
    }
    const today = todayOf(ctx);
    if ((m.reminders ?? []).includes(reminderKey(actor.userId, today))) {
      refuse(REFUSAL.ALREADY_REMINDED, 'Bạn đã đôn đốc nhiệm vụ này hôm nay; mỗi người chỉ đôn đốc một lần mỗi ngày làm việc.');
    }
  },
  check(m, i: RemindInput, ctx) {
    if (i.message !== undefined && i.message !== null && (typeof i.message !== 'string' || i.message.length > MAX_TEXT)) {
      refuse(REFUSAL.INVALID_INPUT, 'Nội dung đôn đốc không hợp lệ.');
    }
    this.allowed(m, i.actor, ctx);
  },
  apply(m, i: RemindInput, ctx, emit) {
    const day = todayOf(ctx);
    m.reminders = [...(m.reminders ?? []), reminderKey(i.actor.userId, day)].slice(-MAX_REMINDERS);
    emit('REMINDED', stay(m), { message: i.message?.trim() || null, day, waitingKind: waitingOnOf(m).kind, signedAs: signature(i.actor).signedAs as string | null });
  },
  events: { REMINDED: { recipients: ['waitedOn'] } },
  example: () => ({ message: 'Đề nghị khẩn trương hoàn thành' }),
});
