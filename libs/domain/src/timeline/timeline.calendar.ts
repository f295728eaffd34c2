import type { IsoDate } from './timeline.types';

/**
 * Calendar arithmetic on plain numbers. `Date` is avoided on purpose: it would drag the host's time
 * zone into what is a Vietnamese calendar date, and the parser must stay deterministic inside
 * Temporal workflows.
 */

/** Years a plan of this product can plausibly mention; anything else is a typo, not a date. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function endOfMonth(year: number, month: number): IsoDate {
  return isoDate(year, month, daysInMonth(year, month));
}

export function endOfQuarter(year: number, quarter: number): IsoDate {
  return endOfMonth(year, quarter * 3);
}

export function startOfQuarter(year: number, quarter: number): IsoDate {
  return isoDate(year, quarter * 3 - 2, 1);
}

/** "2023-02-28" → "28/02/2023", the way users read dates. */
export function displayDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}
