/**
 * Vietnamese lunisolar calendar (âm lịch), after Hồ Ngọc Đức's published algorithm
 * ("Thuật toán tính âm lịch"), which is the reference used for Vietnam.
 *
 * Why our own code: Vietnam has computed its calendar at UTC+7 since 1968 while China uses UTC+8.
 * When a new moon or a solar term falls between 16:00 and 17:00 UTC the two calendars start a
 * month on different days (Tết 1985 and 2007 are the famous cases), so Chinese-calendar libraries
 * give wrong Vietnamese holidays in some years. The astronomy is the same truncated Meeus series
 * the published tables use: errors of minutes, so a new moon within minutes of local midnight
 * could be misdated, as it would be in those tables. We accept 1900–2199.
 */
import * as CalendarDate from './calendar-date';
import type { IsoDate } from './calendar-date';

export interface LunarDate {
  day: number;
  /** 1–12; a leap month repeats the number of the month before it. */
  month: number;
  /** The lunar year, which starts at Tết: solar 2024-02-09 belongs to lunar year 2023. */
  year: number;
  /** True in a leap month (tháng nhuận). */
  leapMonth: boolean;
}

export class InvalidLunarDateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidLunarDateError';
  }
}

export const LUNAR_MIN_YEAR = 1900;
export const LUNAR_MAX_YEAR = 2199;

const TIME_ZONE = 7; // hours east of UTC, the Vietnamese standard
const JULIAN_DAY_OF_UNIX_EPOCH = 2_440_588; // JDN of 1970-01-01
const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_EPOCH = 2_415_021.076998695; // first new moon of 1900, Julian day
const DEG = Math.PI / 180;

export function solarToLunar(date: IsoDate): LunarDate {
  const { year } = CalendarDate.parse(date);
  assertYearInRange(year, 'solar');
  const jd = julianDay(date);
  // The mean-month estimate can be one month off either way (the published algorithm only looks
  // one month back, and yields day 0 on 2054-05-07 and 2062-04-09); walk to the right month.
  let k = Math.floor((jd - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  while (newMoonDay(k + 1) <= jd) k++;
  while (newMoonDay(k) > jd) k--;
  const monthStart = newMoonDay(k);

  // Month 11 always holds the winter solstice, so it anchors the count of months.
  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }

  const day = jd - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leapMonth = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    if (diff >= leapOffset) {
      month = diff + 10;
      if (diff === leapOffset) leapMonth = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { day, month, year: lunarYear, leapMonth };
}

/**
 * Solar date of a lunar date. Throws InvalidLunarDateError when that lunar date does not exist:
 * day 30 of a 29-day month, or a leap month the year does not have.
 */
export function lunarToSolar(day: number, month: number, year: number, leapMonth = false): IsoDate {
  if (!Number.isInteger(day) || day < 1 || day > 30) {
    throw new InvalidLunarDateError(`Invalid lunar date ${day}/${month}/${year}: day must be 1–30`);
  }
  const { start, length } = lunarMonthBounds(month, year, leapMonth);
  if (day > length) {
    throw new InvalidLunarDateError(
      `Invalid lunar date ${day}/${month}/${year}: month ${month}${leapMonth ? ' (leap)' : ''} has only ${length} days`,
    );
  }
  return fromJulianDay(start + day - 1);
}

/**
 * The leap month (tháng nhuận) of a lunar year, or null. Month 11 and 12 leaps belong to the
 * year in which those months fall.
 */
export function leapMonthOf(lunarYear: number): number | null {
  assertYearInRange(lunarYear, 'lunar');
  // A leap month sits between two month-11s; check the interval that covers months 1–10 of this
  // year and the one that covers months 11–12.
  for (const [a11, b11, months] of [
    [lunarMonth11(lunarYear - 1), lunarMonth11(lunarYear), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
    [lunarMonth11(lunarYear), lunarMonth11(lunarYear + 1), [11, 12]],
  ] as const) {
    if (b11 - a11 <= 365) continue;
    const leap = leapMonthNumberFromOffset(leapMonthOffset(a11));
    if ((months as readonly number[]).includes(leap)) return leap;
  }
  return null;
}

/** Number of days (29 or 30) in a lunar month. */
export function lunarMonthLength(month: number, year: number, leapMonth = false): number {
  return lunarMonthBounds(month, year, leapMonth).length;
}

/** Julian day number of the month's first day, and its length. */
function lunarMonthBounds(month: number, year: number, leapMonth: boolean): { start: number; length: number } {
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(year)) {
    throw new InvalidLunarDateError(`Invalid lunar month ${month}/${year}: month must be 1–12`);
  }
  assertYearInRange(year, 'lunar');
  const { a11, b11 } = month11Bounds(month, year);
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    const leapMonthNumber = leapMonthNumberFromOffset(leapOffset);
    if (leapMonth && month !== leapMonthNumber) {
      throw new InvalidLunarDateError(
        `Lunar year ${year} has no leap month ${month} (its leap month is ${leapMonthNumber})`,
      );
    }
    if (leapMonth || offset >= leapOffset) offset += 1;
  } else if (leapMonth) {
    throw new InvalidLunarDateError(`Lunar year ${year} has no leap month ${month}`);
  }
  const start = newMoonDay(k + offset);
  return { start, length: newMoonDay(k + offset + 1) - start };
}

function month11Bounds(month: number, year: number): { a11: number; b11: number } {
  return month < 11
    ? { a11: lunarMonth11(year - 1), b11: lunarMonth11(year) }
    : { a11: lunarMonth11(year), b11: lunarMonth11(year + 1) };
}

function leapMonthNumberFromOffset(leapOffset: number): number {
  // Offset 0 is month 11 itself; the leap month repeats the number of the month before it.
  let month = leapOffset - 2;
  if (month < 0) month += 12;
  return month === 0 ? 12 : month;
}

function assertYearInRange(year: number, kind: 'solar' | 'lunar'): void {
  if (year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new RangeError(
      `Lunar conversion supports ${kind} years ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}, got ${year}`,
    );
  }
}

function julianDay(date: IsoDate): number {
  return CalendarDate.toDayNumber(date) + JULIAN_DAY_OF_UNIX_EPOCH;
}

function fromJulianDay(jd: number): IsoDate {
  return CalendarDate.fromDayNumber(jd - JULIAN_DAY_OF_UNIX_EPOCH);
}

/** Julian day (fractional, UT) of the k-th new moon after the one of 1900-01-01. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const latitudeArg = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(sunAnomaly * DEG) + 0.0021 * Math.sin(2 * DEG * sunAnomaly);
  c1 = c1 - 0.4068 * Math.sin(moonAnomaly * DEG) + 0.0161 * Math.sin(DEG * 2 * moonAnomaly);
  c1 = c1 - 0.0004 * Math.sin(DEG * 3 * moonAnomaly);
  c1 = c1 + 0.0104 * Math.sin(DEG * 2 * latitudeArg) - 0.0051 * Math.sin(DEG * (sunAnomaly + moonAnomaly));
  c1 = c1 - 0.0074 * Math.sin(DEG * (sunAnomaly - moonAnomaly)) + 0.0004 * Math.sin(DEG * (2 * latitudeArg + sunAnomaly));
  c1 = c1 - 0.0004 * Math.sin(DEG * (2 * latitudeArg - sunAnomaly)) - 0.0006 * Math.sin(DEG * (2 * latitudeArg + moonAnomaly));
  c1 = c1 + 0.001 * Math.sin(DEG * (2 * latitudeArg - moonAnomaly)) + 0.0005 * Math.sin(DEG * (2 * moonAnomaly + sunAnomaly));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd + c1 - deltaT;
}

/** Julian day number of the local (UTC+7) day on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + TIME_ZONE / 24);
}

/** Sun's ecliptic longitude at the given fractional Julian day, as one of 12 30° sectors. */
function sunLongitudeSector(jd: number): number {
  const T = (jd - 2_451_545.0) / 36525;
  const T2 = T * T;
  const meanAnomaly = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const meanLongitude = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let center = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DEG * meanAnomaly);
  center += (0.019993 - 0.000101 * T) * Math.sin(DEG * 2 * meanAnomaly) + 0.00029 * Math.sin(DEG * 3 * meanAnomaly);
  let longitude = (meanLongitude + center) * DEG;
  longitude -= Math.PI * 2 * Math.floor(longitude / (Math.PI * 2));
  return Math.floor((longitude / Math.PI) * 6);
}

/** Sector of the sun's longitude at local (UTC+7) midnight starting the given day. */
function sunLongitudeAtLocalMidnight(dayNumber: number): number {
  return sunLongitudeSector(dayNumber - 0.5 - TIME_ZONE / 24);
}

/** Julian day number on which lunar month 11 (the month holding the winter solstice) starts. */
function lunarMonth11(solarYear: number): number {
  const offset = julianDay(CalendarDate.format(solarYear, 12, 31)) - 2_415_021;
  const k = Math.floor(offset / SYNODIC_MONTH);
  const newMoonJd = newMoonDay(k);
  // Sector ≥ 9 means the month began after the solstice (270°), so month 11 is the one before.
  return sunLongitudeAtLocalMidnight(newMoonJd) >= 9 ? newMoonDay(k - 1) : newMoonJd;
}

/**
 * In a 13-month year, the leap month is the first one without a major solar term: the sun stays
 * in the same 30° sector from its first day to the next month's first day. Returns its offset
 * from month 11.
 */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = sunLongitudeAtLocalMidnight(newMoonDay(k + i));
  let last: number;
  do {
    last = sector;
    i++;
    sector = sunLongitudeAtLocalMidnight(newMoonDay(k + i));
  } while (sector !== last && i < 14);
  return i - 1;
}
