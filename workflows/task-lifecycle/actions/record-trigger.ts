import { REFUSAL, RecordTriggerInput } from '../task-lifecycle.contract';
import { checkEventFields, isLeaderFor, isMonitor, permit, recomputeRecurringDue, refuse, requireState, setDue, stay, transition } from '../task-machine';
import { defineAction } from './action';
import { field } from './fields';

export const recordTrigger = defineAction({
  name: 'recordTrigger',
  route: 'record-trigger',
  label: 'Ghi nhận sự kiện',
  who: 'Bộ phận theo dõi, Giám đốc hoặc Phó Giám đốc phụ trách, khi nhiệm vụ chờ sự kiện (hoặc báo cáo theo sự kiện).',
  fields: {
    eventDate: field.date({ example: '2026-03-02', description: 'Ngày xảy ra sự kiện (không ở tương lai)' }),
    description: field.text({ example: 'UBND tỉnh ban hành Quy chế thi đua, khen thưởng' }),
  },
  allowed(m, actor) {
    permit(isMonitor(actor) || isLeaderFor(m, actor), 'Chỉ bộ phận theo dõi hoặc lãnh đạo được ghi nhận sự kiện.');
    if (m.mode === 'recurring') {
      if (m.recurrence !== 'on-event') refuse(REFUSAL.INVALID_STATE, 'Nhiệm vụ này báo cáo theo kỳ, không theo sự kiện.');
    } else {
      requireState(m, ['PENDING_TRIGGER'], 'ghi nhận sự kiện');
    }
  },
  check(m, i: RecordTriggerInput, ctx) {
    this.allowed(m, i.actor, ctx);
    checkEventFields(i, ctx);
  },
  apply(m, i: RecordTriggerInput, ctx, emit) {
    const due = ctx.calendar.addWorkingDays(i.eventDate, m.settings.eventWindowWorkingDays);
    m.trigger = { description: i.description.trim(), eventDate: i.eventDate };
    if (m.mode === 'recurring') {
      m.eventRounds += 1;
      m.rounds.push({
        key: `event-${m.eventRounds}`,
        label: `Lần ${m.eventRounds}: ${m.trigger.description}`,
        opensOn: i.eventDate,
        dueOn: due,
        state: 'OPEN',
        submittedAt: null,
        submittedOn: null,
        text: null,
        acknowledgedBy: null,
      });
      recomputeRecurringDue(m);
      emit('ROUND_OPENED', stay(m), { roundKey: `event-${m.eventRounds}`, eventDate: i.eventDate, description: m.trigger.description, dueOn: due });
    } else {
      const milestone = m.milestones[m.current];
      milestone.state = 'OPEN';
      setDue(m, due);
      m.originalDueOn = due;
      emit('TRIGGER_RECORDED', transition(m, 'DRAFTING'), {
        eventDate: i.eventDate,
        description: m.trigger.description,
        windowWorkingDays: m.settings.eventWindowWorkingDays,
        dueOn: due,
      });
    }
  },
  events: {
    TRIGGER_RECORDED: { recipients: ['leadUnitHead', 'leadUnitOfficer'] },
    ROUND_OPENED: { recipients: ['leadUnitHead', 'leadUnitOfficer'] },
  },
  example: (m) => ({ eventDate: m.trigger?.eventDate ?? '2023-01-02', description: 'UBND tỉnh ban hành quyết định' }),
});
