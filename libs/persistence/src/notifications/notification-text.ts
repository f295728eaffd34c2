import { STATUS_WORDS } from '@app/domain';
import type { TaskEventType } from '@app/workflows/task-lifecycle/events';

/**
 * The words of a notification: what the inbox shows and what the e-mail says. Pure (no clock, no
 * database), so every event type is unit-tested; the fan-out gathers the facts and calls it.
 */

/** What the text is built from: the event and the task as the read model has it after the event. */
export interface NotificationFacts {
  /** The event type (DEADLINE_PASSED, REVIEW_REMINDER…). */
  type: string;
  payload: Record<string, unknown>;
  task: {
    title: string;
    /** ISO date of the deadline in force (extended, else the plan's), null when the task has none. */
    dueOn: string | null;
    /** Key of STATUS_WORDS (as stored in tasks.status_word), or already a word. */
    statusWord: string | null;
    planTitle: string | null;
    ownerUnitName: string | null;
  };
  /** Absolute link to the task page. */
  link: string;
  /** Who did it (the event's actor, with the title people know), when somebody did. */
  actorName?: string | null;
}

export interface NotificationText {
  /** One line for the inbox list. */
  title: string;
  /** The inbox detail: the sentence and the facts (task, plan, deadline, status). */
  body: string;
  /** E-mail subject: a bracketed tag people can filter on, then the task title. */
  subject: string;
}

export interface EmailText {
  subject: string;
  text: string;
  html: string;
}

/** 2023-03-31 → 31/03/2023, the way Vietnamese documents write dates; anything else as given. */
export function formatVietnameseDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** The word users know ("Đang thực hiện quá hạn") from the stored key ("OPEN_OVERDUE"). */
export function statusWordText(statusWord: string | null | undefined): string | null {
  if (!statusWord) return null;
  return (STATUS_WORDS as Record<string, string>)[statusWord] ?? statusWord;
}

const SUBJECT_TITLE_MAX = 150;
const BLOCKER_TITLE_MAX = 120;

function truncate(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

function positiveInt(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
}

/** The per-type part: the inbox title, the tag of the subject and the opening sentence. */
interface Wording {
  title: string;
  tag: string;
  sentence: string;
}

/** What every wording reads: the facts, and the pieces most of them use. */
interface WordingContext {
  f: NotificationFacts;
  p: Record<string, unknown>;
  /** The task's title, quoted. */
  task: string;
  due: string | null;
  days: number | null;
  windowEnds: string | null;
  silentUnits: string;
  dueText: string;
  /** "Ông/Bà X (Trưởng phòng)" or "Lãnh đạo" / "Đơn vị" when unknown. */
  by: (fallback: string) => string;
  text: (key: string) => string | null;
  date: (key: string) => string | null;
}

const OPINION_WORDS: Record<string, string> = { agree: 'đồng ý', agree_with_comments: 'đồng ý, có góp ý', disagree: 'không đồng ý' };

/** A generic line for events that are kept in the history but tell nobody. */
const QUIET = ({ task }: WordingContext): Wording => ({ title: 'Thông báo về nhiệm vụ', tag: 'Thông báo', sentence: `Nhiệm vụ ${task} có cập nhật cần Anh/Chị lưu ý.` });

const awaitingApproval = (c: WordingContext, lead: string): Wording => ({
  title: `Chờ phê duyệt: ${lead}, đề nghị lãnh đạo xem xét phê duyệt`,
  tag: 'Chờ phê duyệt',
  sentence: `Nhiệm vụ ${c.task}${c.dueText} ${lead}. Đề nghị lãnh đạo xem xét, phê duyệt hoặc trả lại kèm ý kiến chỉ đạo trên hệ thống.${noteOf(c)}`,
});

/** The lead unit's note with a submission (`submit { note }`), for the reviewers and the approver. */
const noteOf = (c: WordingContext): string => {
  const note = c.text('note');
  return note ? ` Ghi chú của đơn vị chủ trì: ${note}` : '';
};

/**
 * The wording of every event type (exhaustive over the event union: a new type without a wording
 * fails the typecheck). Each title says what happened and what to do next.
 */
const WORDING: Record<TaskEventType, (c: WordingContext) => Wording> = {
  CREATED: QUIET,
  DRAFT_SAVED: QUIET,
  COORDINATING_UNITS_NAMED: QUIET,
  COMMENTED: QUIET,
  ATTACHMENT_UPLOADED: QUIET,
  ATTACHMENT_REMOVED: QUIET,
  GROUP_CANCEL_REQUESTED: QUIET,
  UNIT_TASK_FINISHED: QUIET,
  DEADLINE_REMINDER: ({ p, task, due, days, dueText }) => {
    if (p.workingDaysLeft === 0) {
      return {
        title: `Nhắc việc: nhiệm vụ đến hạn hôm nay${due ? ` ${due}` : ''}`,
        tag: 'Nhắc việc',
        sentence: `Nhiệm vụ ${task} đến hạn hoàn thành hôm nay${dueText}. Đề nghị đơn vị chủ trì khẩn trương hoàn thành.`,
      };
    }
    return {
      title: days ? `Nhắc việc: còn ${days} ngày làm việc đến hạn${due ? ` ${due}` : ''}` : `Nhắc việc: nhiệm vụ sắp đến hạn${due ? ` ${due}` : ''}`,
      tag: 'Nhắc việc',
      sentence: days
        ? `Nhiệm vụ ${task} còn ${days} ngày làm việc là đến hạn hoàn thành${dueText}. Đề nghị đơn vị chủ trì khẩn trương thực hiện.`
        : `Nhiệm vụ ${task} sắp đến hạn hoàn thành${dueText}. Đề nghị đơn vị chủ trì khẩn trương thực hiện.`,
    };
  },
  DEADLINE_PASSED: ({ task, due }) => ({
    title: `Quá hạn: nhiệm vụ chưa hoàn thành${due ? `, hạn ${due}` : ''}`,
    tag: 'Quá hạn',
    sentence: `Nhiệm vụ ${task} đã hết hạn${due ? ` ngày ${due}` : ''} nhưng chưa hoàn thành. Đề nghị đơn vị chủ trì báo cáo tiến độ và khẩn trương hoàn thành.`,
  }),
  ESCALATED_TO_DEPUTY: ({ task, days, dueText }) => ({
    title: `Đã chuyển Phó Giám đốc phụ trách: nhiệm vụ quá hạn${days ? ` ${days} ngày làm việc` : ''}`,
    tag: 'Quá hạn – báo cáo Phó Giám đốc',
    sentence: `Nhiệm vụ ${task} đã quá hạn${days ? ` ${days} ngày làm việc` : ''}${dueText} mà chưa hoàn thành; hệ thống chuyển Phó Giám đốc phụ trách để chỉ đạo.`,
  }),
  ESCALATED_TO_DIRECTOR: ({ task, days, dueText }) => ({
    title: `Đã báo cáo Giám đốc: nhiệm vụ quá hạn${days ? ` ${days} ngày làm việc` : ''}`,
    tag: 'Quá hạn – báo cáo Giám đốc',
    sentence: `Nhiệm vụ ${task} đã quá hạn${days ? ` ${days} ngày làm việc` : ''}${dueText} mà chưa hoàn thành; hệ thống báo cáo Giám đốc để chỉ đạo.`,
  }),
  REVIEW_REMINDER: ({ task, windowEnds, days }) => ({
    title: `Nhắc góp ý: hạn góp ý đến hết ngày ${windowEnds ?? 'kết thúc đợt góp ý'}`,
    tag: 'Nhắc góp ý',
    sentence:
      `Đơn vị được đề nghị phối hợp góp ý nhiệm vụ ${task} nhưng chưa gửi ý kiến` +
      `${windowEnds ? `; thời hạn góp ý đến hết ngày ${windowEnds}` : ''}${days ? ` (còn ${days} ngày làm việc)` : ''}. Đề nghị gửi ý kiến trên hệ thống.`,
  }),
  REVIEW_ESCALATED: ({ task, windowEnds, silentUnits }) => ({
    title: `Quá hạn góp ý: ${silentUnits} chưa gửi ý kiến`,
    tag: 'Quá hạn góp ý',
    sentence: `Đã hết thời hạn góp ý${windowEnds ? ` (ngày ${windowEnds})` : ''} đối với nhiệm vụ ${task} nhưng ${silentUnits} chưa gửi ý kiến.`,
  }),
  REVIEW_ESCALATED_TO_DIRECTOR: ({ task, windowEnds, days, silentUnits }) => ({
    title: `Đã báo cáo Giám đốc: ${silentUnits} chưa gửi ý kiến góp ý`,
    tag: 'Quá hạn góp ý – báo cáo Giám đốc',
    sentence:
      `Thời hạn góp ý${windowEnds ? ` (ngày ${windowEnds})` : ''} đối với nhiệm vụ ${task} đã qua${days ? ` ${days} ngày làm việc` : ''} ` +
      `nhưng ${silentUnits} vẫn chưa gửi ý kiến; hệ thống báo cáo Giám đốc để chỉ đạo.`,
  }),
  APPROVAL_REMINDER: ({ task, days }) => ({
    title: `Nhắc phê duyệt: nhiệm vụ đã chờ phê duyệt${days ? ` ${days} ngày làm việc` : ''}`,
    tag: 'Chờ phê duyệt',
    sentence: `Nhiệm vụ ${task} đã được trình và đang chờ lãnh đạo phê duyệt${days ? ` (${days} ngày làm việc)` : ''}.`,
  }),
  APPROVAL_ESCALATED: ({ task, days }) => ({
    title: `Chậm phê duyệt: nhiệm vụ đã chờ phê duyệt${days ? ` ${days} ngày làm việc` : ''}`,
    tag: 'Chậm phê duyệt',
    sentence: `Nhiệm vụ ${task} đã chờ phê duyệt${days ? ` ${days} ngày làm việc` : ' quá thời hạn'} mà chưa được xử lý; hệ thống báo cáo để chỉ đạo.`,
  }),
  BLOCKER_RAISED: ({ task, text }) => {
    const t = text('text');
    return {
      title: t ? `Vướng mắc cần tháo gỡ: ${truncate(t, BLOCKER_TITLE_MAX)}` : 'Vướng mắc cần tháo gỡ',
      tag: 'Vướng mắc',
      sentence: `Đơn vị chủ trì báo cáo vướng mắc khi thực hiện nhiệm vụ ${task}${t ? `: ${t}` : ''}. Đề nghị xem xét, chỉ đạo tháo gỡ.`,
    };
  },
  BLOCKER_RESOLVED: ({ task, text, by }) => {
    const t = text('resolution');
    return {
      title: t ? `Vướng mắc đã được xử lý: ${truncate(t, BLOCKER_TITLE_MAX)}` : 'Vướng mắc đã được xử lý',
      tag: 'Vướng mắc đã xử lý',
      sentence: `${by('Bộ phận theo dõi')} đã xử lý vướng mắc của nhiệm vụ ${task}${t ? `: ${t}` : ''}. Đề nghị đơn vị chủ trì tiếp tục thực hiện.`,
    };
  },
  DRAFT_READY: (c) => ({
    title: 'Dự thảo đã hoàn thành: đề nghị xem và trình',
    tag: 'Dự thảo sẵn sàng',
    sentence: `${c.by('Cán bộ của đơn vị')} đã hoàn thành dự thảo của nhiệm vụ ${c.task} (100%). Đề nghị Anh/Chị xem lại và trình lấy ý kiến phối hợp hoặc trình phê duyệt.`,
  }),
  SUBMITTED_FOR_REVIEW: (c) => ({
    title: `Đề nghị góp ý: gửi ý kiến phối hợp${c.windowEnds ? ` trước hết ngày ${c.windowEnds}` : ''}`,
    tag: 'Đề nghị góp ý',
    sentence:
      `${c.by('Đơn vị chủ trì')} đã trình lấy ý kiến phối hợp về dự thảo của nhiệm vụ ${c.task}. ` +
      `Đề nghị đơn vị nghiên cứu, gửi ý kiến (đồng ý, đồng ý có góp ý, hoặc không đồng ý) trên hệ thống${c.windowEnds ? ` trước hết ngày ${c.windowEnds}` : ''}.${noteOf(c)}`,
  }),
  SUBMITTED_FOR_APPROVAL: (c) => awaitingApproval(c, `đã được ${c.by('đơn vị chủ trì')} trình phê duyệt`),
  SUBMITTED_OVERRIDING_REVIEW: (c) => {
    const why = c.text('justification');
    const w = awaitingApproval(c, `đã được ${c.by('đơn vị chủ trì')} trình phê duyệt vượt ý kiến phối hợp`);
    return { ...w, title: 'Chờ phê duyệt (trình vượt ý kiến phối hợp): đề nghị lãnh đạo xem xét', sentence: `${w.sentence}${why ? ` Lý do trình vượt: ${why}` : ''}` };
  },
  REVIEW_COMPLETED: (c) => awaitingApproval(c, 'đã hoàn tất lấy ý kiến phối hợp và được chuyển phê duyệt'),
  REVIEW_GIVEN: ({ p, task, by, text }) => {
    const opinion = OPINION_WORDS[String(p.opinion)] ?? 'đã cho ý kiến';
    const unit = text('unitCode') ?? 'Đơn vị phối hợp';
    const comment = text('comment');
    return {
      title: `${unit} đã cho ý kiến phối hợp: ${opinion}`,
      tag: 'Ý kiến phối hợp',
      sentence: `${by(unit)} đã cho ý kiến phối hợp (${opinion}) về nhiệm vụ ${task}${comment ? `: ${comment}` : ''}. Đề nghị đơn vị chủ trì xem xét, tiếp thu.`,
    };
  },
  REVIEW_RETURNED: ({ p, task }) => {
    const opinions = Array.isArray(p.opinions) ? (p.opinions as Array<{ unitCode?: string; opinion?: string }>) : [];
    const against = opinions.filter((o) => o.opinion === 'disagree').map((o) => o.unitCode).filter(Boolean);
    return {
      title: `Có ý kiến không đồng ý${against.length ? ` (${against.join(', ')})` : ''}: đề nghị hoàn thiện dự thảo rồi trình lại`,
      tag: 'Không đồng ý',
      sentence:
        `Đơn vị phối hợp${against.length ? ` ${against.join(', ')}` : ''} không đồng ý với dự thảo của nhiệm vụ ${task}; nhiệm vụ trở về bước dự thảo. ` +
        'Đề nghị đơn vị chủ trì tiếp thu, hoàn thiện rồi trình lại (hoặc trình vượt ý kiến phối hợp, kèm lý do).',
    };
  },
  REVIEW_SILENT_AGREED: ({ task, windowEnds, silentUnits }) => ({
    title: `Hết hạn góp ý: ${silentUnits} không có ý kiến, coi như đồng ý`,
    tag: 'Hết hạn góp ý',
    sentence: `Đã hết thời hạn góp ý${windowEnds ? ` (ngày ${windowEnds})` : ''} đối với nhiệm vụ ${task}; ${silentUnits} không gửi ý kiến nên được coi như đồng ý.`,
  }),
  RETURNED: ({ task, by, text }) => {
    const comment = text('comment');
    return {
      title: 'Lãnh đạo trả lại: đề nghị chỉnh sửa theo ý kiến chỉ đạo rồi trình lại',
      tag: 'Trả lại',
      sentence: `${by('Lãnh đạo')} đã trả lại nhiệm vụ ${task}.${comment ? ` Ý kiến chỉ đạo: ${comment}` : ''} Đề nghị đơn vị chủ trì chỉnh sửa, hoàn thiện rồi trình lại.`,
    };
  },
  APPROVED: ({ task, by }) => ({
    title: 'Đã phê duyệt: nhiệm vụ hoàn thành',
    tag: 'Đã phê duyệt',
    sentence: `${by('Lãnh đạo')} đã phê duyệt nhiệm vụ ${task}; nhiệm vụ được ghi nhận hoàn thành.`,
  }),
  MILESTONE_APPROVED: ({ task, by, date }) => {
    const next = date('nextDueOn');
    return {
      title: `Đã phê duyệt mốc: tiếp tục thực hiện mốc tiếp theo${next ? ` (hạn ${next})` : ''}`,
      tag: 'Đã phê duyệt mốc',
      sentence: `${by('Lãnh đạo')} đã phê duyệt một mốc của nhiệm vụ ${task}. Đề nghị đơn vị chủ trì tiếp tục thực hiện mốc tiếp theo${next ? ` (hạn ${next})` : ''}.`,
    };
  },
  REJECTED: ({ task, by, text }) => {
    const reason = text('reason');
    return {
      title: 'Lãnh đạo từ chối: nhiệm vụ kết thúc, không thực hiện tiếp',
      tag: 'Từ chối',
      sentence: `${by('Lãnh đạo')} đã từ chối nhiệm vụ ${task}${reason ? `. Lý do: ${reason}` : ''}. Nhiệm vụ kết thúc, không cần thực hiện tiếp.`,
    };
  },
  CANCELLED: ({ task, by, text }) => {
    const reason = text('reason');
    return {
      title: 'Nhiệm vụ đã bị hủy: không cần thực hiện tiếp',
      tag: 'Hủy nhiệm vụ',
      sentence: `${by('Lãnh đạo')} đã hủy nhiệm vụ ${task}${reason ? `. Lý do: ${reason}` : ''}. Nhiệm vụ kết thúc, không cần thực hiện tiếp.`,
    };
  },
  EXTENSION_REQUESTED: ({ task, by, text, date }) => {
    const to = date('requestedDueOn');
    const reason = text('reason');
    return {
      title: `Đề nghị gia hạn${to ? ` đến ${to}` : ''}: đề nghị lãnh đạo quyết định`,
      tag: 'Đề nghị gia hạn',
      sentence:
        `${by('Đơn vị chủ trì')} đề nghị gia hạn nhiệm vụ ${task}${to ? ` đến ngày ${to}` : ''}${reason ? `. Lý do: ${reason}` : ''}. ` +
        'Đề nghị lãnh đạo quyết định (đồng ý, đồng ý với hạn khác, hoặc không đồng ý) trên hệ thống.',
    };
  },
  EXTENSION_GRANTED: ({ task, by, date, text }) => {
    const to = date('newDueOn');
    const comment = text('comment');
    return {
      title: `Đồng ý gia hạn${to ? ` đến ${to}` : ''}: đề nghị hoàn thành theo hạn mới`,
      tag: 'Đồng ý gia hạn',
      sentence: `${by('Lãnh đạo')} đồng ý gia hạn nhiệm vụ ${task}${to ? ` đến ngày ${to}` : ''}${comment ? `. Ý kiến: ${comment}` : ''}. Đề nghị đơn vị chủ trì hoàn thành theo hạn mới.`,
    };
  },
  EXTENSION_REFUSED: ({ task, by, text, due }) => {
    const comment = text('comment');
    return {
      title: `Không đồng ý gia hạn: giữ hạn${due ? ` ${due}` : ' hiện tại'}`,
      tag: 'Không đồng ý gia hạn',
      sentence: `${by('Lãnh đạo')} không đồng ý gia hạn nhiệm vụ ${task}${comment ? `. Lý do: ${comment}` : ''}. Đề nghị đơn vị chủ trì hoàn thành đúng hạn${due ? ` ${due}` : ''}.`,
    };
  },
  REASSIGNED: ({ p, task, by, text }) => {
    const from = (p.from as { unitCode?: string } | undefined)?.unitCode ?? null;
    const to = (p.to as { unitCode?: string } | undefined)?.unitCode ?? null;
    const reason = text('reason');
    return {
      title: `Giao lại nhiệm vụ${from ? ` từ ${from}` : ''}${to ? ` cho ${to}` : ''}: đơn vị mới chủ trì thực hiện`,
      tag: 'Giao lại',
      sentence: `${by('Lãnh đạo')} đã giao lại nhiệm vụ ${task}${from ? ` từ ${from}` : ''}${to ? ` cho ${to}` : ''} chủ trì${reason ? `. Lý do: ${reason}` : ''}. Đề nghị đơn vị được giao tiếp nhận, thực hiện.`,
    };
  },
  TRIGGER_RECORDED: ({ task, text, due }) => {
    const what = text('description');
    return {
      title: `Bắt đầu thực hiện: sự kiện đã xảy ra${due ? `, hạn ${due}` : ''}`,
      tag: 'Bắt đầu thực hiện',
      sentence: `Sự kiện khởi động nhiệm vụ ${task} đã được ghi nhận${what ? ` (${what})` : ''}. Đề nghị đơn vị chủ trì bắt đầu thực hiện${due ? `, hoàn thành trước hết ngày ${due}` : ''}.`,
    };
  },
  ROUND_OPENED: ({ task, text, due }) => {
    const label = text('label') ?? text('description') ?? 'kỳ báo cáo';
    return {
      title: `Mở kỳ báo cáo: ${truncate(label, 100)}${due ? `, hạn ${due}` : ''}`,
      tag: 'Kỳ báo cáo',
      sentence: `Nhiệm vụ ${task} mở ${label}. Đề nghị đơn vị chủ trì nộp báo cáo kỳ trên hệ thống${due ? ` trước hết ngày ${due}` : ''}.`,
    };
  },
  REPORT_SUBMITTED: ({ task, text, by }) => {
    const label = text('label') ?? 'báo cáo kỳ';
    return {
      title: `Đã nộp ${truncate(label, 100)}: đề nghị xem và xác nhận`,
      tag: 'Báo cáo kỳ',
      sentence: `${by('Đơn vị chủ trì')} đã nộp ${label} của nhiệm vụ ${task}. Đề nghị bộ phận theo dõi xem và xác nhận.`,
    };
  },
  REPORT_ACKNOWLEDGED: ({ task, text, by }) => {
    const label = text('label') ?? 'báo cáo kỳ';
    return {
      title: `Đã xác nhận ${truncate(label, 100)}`,
      tag: 'Báo cáo kỳ',
      sentence: `${by('Bộ phận theo dõi')} đã xác nhận ${label} của nhiệm vụ ${task}.`,
    };
  },
  COMPLETED: ({ task }) => ({ title: 'Nhiệm vụ hoàn thành', tag: 'Hoàn thành', sentence: `Nhiệm vụ ${task} đã hoàn thành.` }),
  NOT_ARISEN: ({ task }) => ({
    title: 'Không phát sinh: hết kỳ kế hoạch mà sự kiện không xảy ra',
    tag: 'Không phát sinh',
    sentence: `Nhiệm vụ ${task} kết thúc ở trạng thái "Không phát sinh": đến hết kỳ kế hoạch, sự kiện khởi động không xảy ra.`,
  }),
  ASSIGNED: ({ task, by, text, dueText }) => {
    const note = text('note');
    const name = text('assigneeName') ?? 'cán bộ của đơn vị';
    return {
      title: `Giao việc: nhiệm vụ được giao cho ${name}`,
      tag: 'Giao cho cán bộ',
      sentence: `${by('Trưởng đơn vị')} đã giao nhiệm vụ ${task}${dueText} cho ${name} trực tiếp thực hiện${note ? `. Ghi chú: ${note}` : ''}. Đề nghị cán bộ được giao chủ động dự thảo và cập nhật tiến độ trên hệ thống.`,
    };
  },
  REMINDED: ({ task, by, text, dueText }) => {
    const message = text('message');
    return {
      title: 'Đôn đốc: đề nghị khẩn trương xử lý nhiệm vụ đang chờ Anh/Chị',
      tag: 'Đôn đốc',
      sentence: `${by('Lãnh đạo')} đôn đốc nhiệm vụ ${task}${dueText}${message ? `: ${message}` : ''}. Đề nghị khẩn trương xử lý phần việc đang chờ Anh/Chị trên hệ thống.`,
    };
  },
};

function wordingOf(f: NotificationFacts): Wording {
  const p = f.payload;
  const task = `“${truncate(f.task.title, 300)}”`;
  const due = formatVietnameseDate(typeof p.dueOn === 'string' ? p.dueOn : f.task.dueOn);
  // A reminder says the working days really left when the workflow tells them (a deadline set closer than N).
  const days = positiveInt(f.type === 'DEADLINE_REMINDER' && typeof p.workingDaysLeft === 'number' ? p.workingDaysLeft : p.workingDays);
  const units = stringList(p.units);
  const text = (key: string) => (typeof p[key] === 'string' && (p[key] as string).trim() ? (p[key] as string).trim() : null);
  const c: WordingContext = {
    f,
    p,
    task,
    due,
    days,
    windowEnds: formatVietnameseDate(typeof p.windowEndsOn === 'string' ? p.windowEndsOn : null),
    silentUnits: units.length ? `đơn vị ${units.join(', ')}` : 'đơn vị phối hợp',
    dueText: due ? ` (hạn ${due})` : '',
    by: (fallback) => f.actorName?.trim() || fallback,
    text,
    date: (key) => formatVietnameseDate(text(key)),
  };
  const wording = (WORDING as Record<string, (c: WordingContext) => Wording>)[f.type];
  return wording ? wording(c) : { title: 'Thông báo về nhiệm vụ', tag: 'Thông báo', sentence: `Nhiệm vụ ${task} có cập nhật cần Anh/Chị lưu ý.` };
}

/** The facts every notification lists under its sentence, in the order of a paper memo. */
function factLines(f: NotificationFacts): Array<[label: string, value: string]> {
  const p = f.payload;
  const lines: Array<[string, string]> = [['Nhiệm vụ', f.task.title]];
  if (f.task.planTitle) lines.push(['Kế hoạch', f.task.planTitle]);
  if (f.task.ownerUnitName) lines.push(['Đơn vị chủ trì', f.task.ownerUnitName]);
  const due = formatVietnameseDate(typeof p.dueOn === 'string' ? p.dueOn : f.task.dueOn);
  if (due) lines.push(['Hạn hoàn thành', due]);
  const windowEnds = formatVietnameseDate(typeof p.windowEndsOn === 'string' ? p.windowEndsOn : null);
  if (windowEnds && f.type.startsWith('REVIEW_')) lines.push(['Hạn góp ý', windowEnds]);
  const status = statusWordText(f.task.statusWord);
  if (status) lines.push(['Trạng thái', status]);
  return lines;
}

/** The inbox line and detail, and the subject, of one event (the same for every recipient). */
export function renderNotification(f: NotificationFacts): NotificationText {
  const w = wordingOf(f);
  return {
    title: w.title,
    body: [w.sentence, ...factLines(f).map(([label, value]) => `${label}: ${value}`)].join('\n'),
    subject: `[${w.tag}] ${truncate(f.task.title, SUBJECT_TITLE_MAX)}`,
  };
}

const FOOTER = 'Thư này được gửi tự động từ Hệ thống theo dõi kế hoạch; vui lòng không trả lời thư này.';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The e-mail to one person: greeting, the sentence, the facts, the link; plain text and HTML. */
export function renderEmail(f: NotificationFacts, recipient: { fullName: string | null }): EmailText {
  const w = wordingOf(f);
  const { subject } = renderNotification(f);
  const facts = factLines(f);
  const greeting = `Kính gửi: ${recipient.fullName?.trim() || 'Anh/Chị'},`;
  const text = [
    greeting,
    '',
    w.sentence,
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    '',
    `Xem và xử lý nhiệm vụ: ${f.link}`,
    '',
    '--',
    FOOTER,
    '',
  ].join('\n');
  const rows = facts
    .map(([label, value]) => `<tr><td style="padding:2px 12px 2px 0;color:#555">${escapeHtml(label)}</td><td style="padding:2px 0"><b>${escapeHtml(value)}</b></td></tr>`)
    .join('');
  const html =
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222">` +
    `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(w.sentence)}</p>` +
    `<table style="border-collapse:collapse">${rows}</table>` +
    `<p><a href="${escapeHtml(f.link)}">Xem và xử lý nhiệm vụ</a></p>` +
    `<p style="color:#777;font-size:12px">${escapeHtml(FOOTER)}</p></body></html>`;
  return { subject, text, html };
}
