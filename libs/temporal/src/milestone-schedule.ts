import { WorkingCalendar, type IsoDate, type Milestone, type PlanParseResult, type WorkingCalendarConfig } from '@app/domain';
import type { LifecycleSettings } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { generateRounds, resolveSettings } from '@app/workflows/task-lifecycle/task-machine';

/** One report round of a recurring milestone, before import: when it falls due, as written and as the law counts it. */
export interface ScheduledRound {
  key: string;
  label: string;
  due: IsoDate;
  workingDue: IsoDate;
}

/**
 * A parsed milestone with its working end (BLDS 2015 art. 148(5): a deadline on a day off ends at
 * the end of the next working day; the deadline itself when the organization turned the rule off)
 * and, for a recurring row, its rounds within the plan period, from the very function the workflow
 * generates them with (generateRounds), so the preview shows when each report falls due.
 */
export type ScheduledMilestone = Milestone & { workingDue: IsoDate | null; rounds?: ScheduledRound[] };

export function scheduleMilestone(
  m: Milestone,
  calendar: WorkingCalendar,
  settings: Partial<LifecycleSettings>,
  planEndsOn: IsoDate | null,
): ScheduledMilestone {
  const rule = settings.dayOffRule !== false;
  const working = (d: IsoDate) => (rule && calendar.supportsYear(Number(d.slice(0, 4))) ? calendar.workingDue(d) : d);
  const out: ScheduledMilestone = { ...m, workingDue: m.due ? working(m.due) : null };
  if (m.kind === 'recurring' && m.recurrence) {
    // As initModel: the row's own window, else the plan's year(s).
    const start = m.start ?? (planEndsOn ? `${planEndsOn.slice(0, 4)}-01-01` : null);
    const until = m.until ?? planEndsOn;
    if (start && until) {
      out.rounds = generateRounds(m.recurrence, start, until, resolveSettings(settings), { roundDays: true, roundDay: m.roundDay }).map((r) => ({ key: r.key, label: r.label, due: r.dueOn, workingDue: working(r.dueOn) }));
    }
  }
  return out;
}

/** Every milestone of a parse with its working end and rounds (parse JSON, import preview). */
export function withMilestoneSchedule(
  parse: PlanParseResult,
  calendar: WorkingCalendarConfig | WorkingCalendar,
  settings: Partial<LifecycleSettings> = {},
): PlanParseResult {
  const cal = calendar instanceof WorkingCalendar ? calendar : new WorkingCalendar(calendar);
  const endYear = parse.planEndYear ?? parse.planYear;
  const planEndsOn = endYear ? `${endYear}-12-31` : null;
  return { ...parse, tasks: parse.tasks.map((t) => ({ ...t, milestones: t.milestones.map((m) => scheduleMilestone(m, cal, settings, planEndsOn)) })) };
}
