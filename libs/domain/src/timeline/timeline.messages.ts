import type { TimelineWarning, TimelineWarningCode } from './timeline.types';

/**
 * Vietnamese wording of the parser's warnings, kept apart from the grammar so the office can review
 * the text without reading regular expressions. Each message says what is wrong and what the
 * reviewer must do, because the reviewer fixes the row by hand.
 */

function about(fragment: string, label: string): string {
  return label ? `"${fragment}" (mốc "${label}")` : `"${fragment}"`;
}

export const timelineMessages = {
  empty: (): string => 'Chưa có thời gian thực hiện; cần nhập thời hạn cho nhiệm vụ.',
  unparsed: (fragment: string, label: string): string =>
    `Không hiểu được thời gian thực hiện ${about(fragment, label)}; đã giữ nguyên văn bản, cần nhập lại thời hạn.`,
  invalidDate: (fragment: string, label: string, reason: string): string =>
    `Ngày tháng không hợp lệ trong ${about(fragment, label)}: ${reason}; hệ thống không tự đoán thời hạn, cần kiểm tra lại.`,
  yearMissing: (fragment: string, label: string, planYear: number, planEndYear: number): string =>
    `Thời gian ${about(fragment, label)} không ghi năm, trong khi kế hoạch kéo dài ${planYear}–${planEndYear}; cần xác định năm.`,
  ambiguousYear: (fragment: string, label: string): string =>
    `Không xác định chắc chắn năm của các mốc trong ${about(fragment, label)}; cần ghi rõ năm cho từng mốc.`,
  outsidePlanPeriod: (fragment: string, label: string, due: string, period: string): string =>
    `Thời hạn ${due} của ${about(fragment, label)} nằm ngoài thời gian của kế hoạch (${period}); cần kiểm tra lại.`,
  notFixed: (fragment: string, label: string): string =>
    `Thời gian ${about(fragment, label)} phụ thuộc vào điều mà kế hoạch không ghi rõ; hệ thống không tự đoán, cần người nhập thời hạn cụ thể.`,
  labelUnclear: (fragment: string): string =>
    `Không tách rõ được tên mốc và thời hạn trong "${fragment}"; cần kiểm tra lại tên mốc.`,
} as const;

/** Reasons for `TIMELINE_INVALID_DATE`, worded to finish the sentence above. */
export const invalidDateReasons = {
  month: (month: number): string => `không có tháng ${month}`,
  day: (day: number, month: number, year: number | null): string =>
    year === null ? `tháng ${month} không có ngày ${day}` : `tháng ${month}/${year} không có ngày ${day}`,
  quarter: (quarter: string): string => `không có quý ${quarter.toUpperCase()}`,
  year: (year: number, min: number, max: number): string => `năm ${year} nằm ngoài khoảng ${min}–${max}`,
  yearRange: (from: number, to: number): string => `giai đoạn ${from}–${to} không hợp lệ`,
  roundDay: (day: number): string => `không có ngày ${day} trong tháng`,
  periodOrder: (text: string): string => `khoảng thời gian "${text}" bắt đầu sau khi kết thúc`,
} as const;

export function warning(code: TimelineWarningCode, message: string, fragment: string): TimelineWarning {
  return { code, message, fragment };
}
