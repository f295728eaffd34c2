import { STATUS_WORDS } from '@app/domain';

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

function wordingOf(f: NotificationFacts): Wording {
  const p = f.payload;
  const task = `“${truncate(f.task.title, 300)}”`;
  const due = formatVietnameseDate(typeof p.dueOn === 'string' ? p.dueOn : f.task.dueOn);
  // A reminder says the working days really left when the workflow tells them (a deadline set closer than N).
  const days = positiveInt(f.type === 'DEADLINE_REMINDER' && typeof p.workingDaysLeft === 'number' ? p.workingDaysLeft : p.workingDays);
  const windowEnds = formatVietnameseDate(typeof p.windowEndsOn === 'string' ? p.windowEndsOn : null);
  const units = stringList(p.units);
  const silentUnits = units.length ? `đơn vị ${units.join(', ')}` : 'đơn vị phối hợp';
  const dueText = due ? ` (hạn ${due})` : '';

  switch (f.type) {
    case 'DEADLINE_REMINDER':
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
    case 'DEADLINE_PASSED':
      return {
        title: `Quá hạn: nhiệm vụ chưa hoàn thành${due ? `, hạn ${due}` : ''}`,
        tag: 'Quá hạn',
        sentence: `Nhiệm vụ ${task} đã hết hạn${due ? ` ngày ${due}` : ''} nhưng chưa hoàn thành. Đề nghị đơn vị chủ trì báo cáo tiến độ và khẩn trương hoàn thành.`,
      };
    case 'ESCALATED_TO_DEPUTY':
      return {
        title: `Đã chuyển Phó Giám đốc phụ trách: nhiệm vụ quá hạn${days ? ` ${days} ngày làm việc` : ''}`,
        tag: 'Quá hạn – báo cáo Phó Giám đốc',
        sentence: `Nhiệm vụ ${task} đã quá hạn${days ? ` ${days} ngày làm việc` : ''}${dueText} mà chưa hoàn thành; hệ thống chuyển Phó Giám đốc phụ trách để chỉ đạo.`,
      };
    case 'ESCALATED_TO_DIRECTOR':
      return {
        title: `Đã báo cáo Giám đốc: nhiệm vụ quá hạn${days ? ` ${days} ngày làm việc` : ''}`,
        tag: 'Quá hạn – báo cáo Giám đốc',
        sentence: `Nhiệm vụ ${task} đã quá hạn${days ? ` ${days} ngày làm việc` : ''}${dueText} mà chưa hoàn thành; hệ thống báo cáo Giám đốc để chỉ đạo.`,
      };
    case 'REVIEW_REMINDER':
      return {
        title: `Nhắc góp ý: hạn góp ý đến hết ngày ${windowEnds ?? 'kết thúc đợt góp ý'}`,
        tag: 'Nhắc góp ý',
        sentence:
          `Đơn vị được đề nghị phối hợp góp ý nhiệm vụ ${task} nhưng chưa gửi ý kiến` +
          `${windowEnds ? `; thời hạn góp ý đến hết ngày ${windowEnds}` : ''}${days ? ` (còn ${days} ngày làm việc)` : ''}. Đề nghị gửi ý kiến trên hệ thống.`,
      };
    case 'REVIEW_ESCALATED':
      return {
        title: `Quá hạn góp ý: ${silentUnits} chưa gửi ý kiến`,
        tag: 'Quá hạn góp ý',
        sentence: `Đã hết thời hạn góp ý${windowEnds ? ` (ngày ${windowEnds})` : ''} đối với nhiệm vụ ${task} nhưng ${silentUnits} chưa gửi ý kiến.`,
      };
    case 'REVIEW_ESCALATED_TO_DIRECTOR':
      return {
        title: `Đã báo cáo Giám đốc: ${silentUnits} chưa gửi ý kiến góp ý`,
        tag: 'Quá hạn góp ý – báo cáo Giám đốc',
        sentence:
          `Thời hạn góp ý${windowEnds ? ` (ngày ${windowEnds})` : ''} đối với nhiệm vụ ${task} đã qua${days ? ` ${days} ngày làm việc` : ''} ` +
          `nhưng ${silentUnits} vẫn chưa gửi ý kiến; hệ thống báo cáo Giám đốc để chỉ đạo.`,
      };
    case 'APPROVAL_REMINDER':
      return {
        title: `Nhắc phê duyệt: nhiệm vụ đã chờ phê duyệt${days ? ` ${days} ngày làm việc` : ''}`,
        tag: 'Chờ phê duyệt',
        sentence: `Nhiệm vụ ${task} đã được trình và đang chờ lãnh đạo phê duyệt${days ? ` (${days} ngày làm việc)` : ''}.`,
      };
    case 'APPROVAL_ESCALATED':
      return {
        title: `Chậm phê duyệt: nhiệm vụ đã chờ phê duyệt${days ? ` ${days} ngày làm việc` : ''}`,
        tag: 'Chậm phê duyệt',
        sentence: `Nhiệm vụ ${task} đã chờ phê duyệt${days ? ` ${days} ngày làm việc` : ' quá thời hạn'} mà chưa được xử lý; hệ thống báo cáo để chỉ đạo.`,
      };
    case 'BLOCKER_RAISED': {
      const text = typeof p.text === 'string' && p.text.trim() ? p.text.trim() : null;
      return {
        title: text ? `Vướng mắc cần tháo gỡ: ${truncate(text, BLOCKER_TITLE_MAX)}` : 'Vướng mắc cần tháo gỡ',
        tag: 'Vướng mắc',
        sentence: `Đơn vị chủ trì báo cáo vướng mắc khi thực hiện nhiệm vụ ${task}${text ? `: ${text}` : ''}. Đề nghị xem xét, chỉ đạo tháo gỡ.`,
      };
    }
    default:
      return { title: 'Thông báo về nhiệm vụ', tag: 'Thông báo', sentence: `Nhiệm vụ ${task} có cập nhật cần Anh/Chị lưu ý.` };
  }
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
