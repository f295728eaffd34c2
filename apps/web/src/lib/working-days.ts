import { useEffect, useState } from 'react';
import { api } from '../api/api.client';
import type { CalendarYear } from '../api/types';

/**
 * Working days as the organization counts them (`GET /calendar/:year`: its days off beyond the
 * weekend, and the weekend days it works), for the words a Sở uses: "quá hạn 12 ngày làm việc
 * (16 ngày)", "thêm 8 ngày làm việc".
 */

/** What this module reads of `GET /calendar/:year` (a whole CalendarYear is one). */
type CalendarDay = Pick<CalendarYear['daysOff'][number], 'day'>;
export interface CalendarYearView {
  year: number;
  daysOff: CalendarDay[];
  workDays: CalendarDay[];
}

export interface YearDays {
  off: Set<string>;
  work: Set<string>;
}

export function yearDays(view: CalendarYearView): YearDays {
  return { off: new Set(view.daysOff.map((d) => d.day)), work: new Set(view.workDays.map((d) => d.day)) };
}

const DAY = 86_400_000;

function isoOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not later), or null when a
 * year in between has no calendar. A Saturday or Sunday is off unless worked; a weekday is worked
 * unless off.
 */
export function countWorkingDays(from: string, to: string, years: ReadonlyMap<number, YearDays>): number | null {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (!(end > start)) return 0;
  let n = 0;
  for (let t = start + DAY; t <= end; t += DAY) {
    const iso = isoOf(t);
    const year = years.get(Number(iso.slice(0, 4)));
    if (!year) return null;
    const weekday = new Date(t).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (weekend ? year.work.has(iso) : !year.off.has(iso)) n++;
  }
  return n;
}

/** Years of the calendar loaded so far (or being loaded), per browser tab; a refused year is remembered as missing. */
const loaded = new Map<number, Promise<YearDays | null>>();

export function loadYear(year: number): Promise<YearDays | null> {
  let p = loaded.get(year);
  if (!p) {
    p = api.get('/calendar/{year}', { params: { path: { year } } }).then(yearDays, () => null);
    loaded.set(year, p);
  }
  return p;
}

/** The calendars of every year from `from` to `to` (at most 10 years; null for a span longer). */
export async function loadYears(from: string, to: string): Promise<Map<number, YearDays> | null> {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  if (!(last >= first) || last - first > 10) return null;
  const out = new Map<number, YearDays>();
  for (let y = first; y <= last; y++) {
    const days = await loadYear(y);
    if (days) out.set(y, days);
  }
  return out;
}

/** Working days after `from` up to `to` by the organization's calendar; null while loading or without one. */
export function useWorkingDays(from: string | null | undefined, to: string | null | undefined): number | null {
  const [n, setN] = useState<number | null>(null);
  useEffect(() => {
    setN(null);
    if (!from || !to || to <= from) return;
    let live = true;
    void loadYears(from, to).then((years) => {
      if (live && years) setN(countWorkingDays(from, to, years));
    });
    return () => {
      live = false;
    };
  }, [from, to]);
  return n;
}
