/**
 * Calendar dates as 'YYYY-MM-DD' strings, meaning a day in Asia/Ho_Chi_Minh.
 *
 * Plain strings (not Date) because they survive JSON, Postgres `date` columns and Temporal
 * payloads unchanged, and a calendar date has no time zone to get wrong. All arithmetic goes
 * through Date.UTC so the host time zone never leaks in; nothing here reads the clock, which keeps
 * the module safe inside Temporal workflow code.
 *
 * Import as a namespace: `import * as CalendarDate from './calendar-date'`.
 */

/** A calendar date 'YYYY-MM-DD' in Asia/Ho_Chi_Minh. */
export type IsoDate = string;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export class InvalidCalendarDateError extends Error {
  constructor(readonly input: unknown, reason = 'expected an existing date written YYYY-MM-DD') {
    super(`Invalid calendar date ${describe(input)}: ${reason}`);
    this.name = 'InvalidCalendarDateError';
  }
}

/** Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact. */
export const VIETNAM_UTC_OFFSET_HOURS = 7;

const MS_PER_DAY = 86_400_000;
const VIETNAM_OFFSET_MS = VIETNAM_UTC_OFFSET_HOURS * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Date.UTC maps years 0–99 to 1900–1999; four-digit years from 1000 avoid that trap entirely.
const MIN_YEAR = 1000;

export function parse(input: unknown): DateParts {
  if (typeof input !== 'string') throw new InvalidCalendarDateError(input, 'expected a string YYYY-MM-DD');
  const match = ISO_DATE.exec(input);
  if (!match) throw new InvalidCalendarDateError(input);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR) throw new InvalidCalendarDateError(input, `year must be ${MIN_YEAR} or later`);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new InvalidCalendarDateError(input, 'no such day in the calendar');
  }
  return { year, month, day };
}

/** Returns the input unchanged when it is a valid date, throws InvalidCalendarDateError otherwise. */
export function assertValid(input: unknown): IsoDate {
  parse(input);
  return input as IsoDate;
}

export function isValid(input: unknown): input is IsoDate {
  try {
    parse(input);
    return true;
  } catch {
    return false;
  }
}

export function format(year: number, month: number, day: number): IsoDate {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) {
    throw new InvalidCalendarDateError(`${year}-${month}-${day}`, 'year, month and day must be integers');
  }
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return assertValid(iso);
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01; the integer form used for fast loops and set lookups. */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = parse(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`Day number must be an integer, got ${dayNumber}`);
  const d = new Date(dayNumber * MS_PER_DAY);
  return format(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Number of days must be an integer, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** b − a in calendar days. */
export function diffDays(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

export function compare(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const d = diffDays(b, a);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

export function dayOfWeek(date: IsoDate): DayOfWeek {
  return dayOfWeekOfDayNumber(toDayNumber(date));
}

export function dayOfWeekOfDayNumber(dayNumber: number): DayOfWeek {
  // 1970-01-01 was a Thursday.
  return ((((dayNumber + 4) % 7) + 7) % 7) as DayOfWeek;
}

/** Saturday or Sunday: the weekly rest days of the 40-hour civil-service week. */
export function isWeekend(date: IsoDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

export function yearOf(date: IsoDate): number {
  return parse(date).year;
}

export function yearOfDayNumber(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

/** Every date from `from` to `to`, both included; empty when to < from. */
export function range(from: IsoDate, to: IsoDate): IsoDate[] {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  const out: IsoDate[] = [];
  for (let n = start; n <= end; n++) out.push(fromDayNumber(n));
  return out;
}

/**
 * The Vietnamese calendar date of an instant. Workflows pass the current time from Temporal's
 * deterministic clock; this module never reads a clock itself.
 */
export function fromInstant(instant: Date | number): IsoDate {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid instant ${String(instant)}`);
  return fromDayNumber(Math.floor((ms + VIETNAM_OFFSET_MS) / MS_PER_DAY));
}

/** Epoch milliseconds of 00:00 on `date` in Asia/Ho_Chi_Minh (for Temporal timers). */
export function startOfDayInstant(date: IsoDate): number {
  return toDayNumber(date) * MS_PER_DAY - VIETNAM_OFFSET_MS;
}

function describe(input: unknown): string {
  if (typeof input === 'string') return JSON.stringify(input);
  if (input instanceof Date) return `Date(${Number.isNaN(input.getTime()) ? 'Invalid' : input.toISOString()})`;
  return `${typeof input} ${String(input)}`;
}
