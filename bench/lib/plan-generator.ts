import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The sample plan (seed 003) gives the generated plan its real document header. */
const SAMPLE = join(__dirname, '..', '..', 'infra', 'sample-data', 'plan-003-snv-binh-dinh-2023.txt');
const HEADER_ROW = 'STT\tNhiệm vụ cụ thể\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tGhi chú';

const SECTIONS = [
  'CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH',
  'CẢI CÁCH THỂ CHẾ',
  'CẢI CÁCH THỦ TỤC HÀNH CHÍNH',
  'CẢI CÁCH TỔ CHỨC BỘ MÁY',
  'CẢI CÁCH CHẾ ĐỘ CÔNG VỤ',
  'CẢI CÁCH TÀI CHÍNH CÔNG',
  'XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ',
  'CÔNG TÁC THÔNG TIN, TUYÊN TRUYỀN',
  'CÔNG TÁC KIỂM TRA, GIÁM SÁT',
  'CÔNG TÁC THI ĐUA, KHEN THƯỞNG',
];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const VERBS = ['Xây dựng và triển khai', 'Rà soát, đánh giá', 'Tổ chức thực hiện', 'Tham mưu ban hành', 'Cập nhật, công khai', 'Kiểm tra, đôn đốc việc thực hiện', 'Tổng hợp, báo cáo kết quả'];
const OBJECTS = [
  'Kế hoạch cải cách hành chính',
  'quy chế làm việc của cơ quan',
  'thủ tục hành chính nội bộ',
  'công tác văn thư, lưu trữ',
  'cơ sở dữ liệu cán bộ, công chức, viên chức',
  'Chỉ số hài lòng của người dân, tổ chức (SIPAS)',
  'phương án đơn giản hóa thủ tục hành chính lĩnh vực tôn giáo',
  'quy chế chi tiêu nội bộ',
  'hệ thống quản lý chất lượng theo TCVN ISO 9001:2015',
  'phòng họp không giấy, phòng họp trực tuyến',
];
/** Single lead units of the demo directory, spelled as plans spell them. */
const LEADS = ['Phòng CCHC-VTLT', 'Văn phòng Sở', 'Trung tâm lưu trữ lịch sử tỉnh', 'Ban Tôn giáo', 'Ban Thi đua - Khen thưởng', 'Phòng Công chức, viên chức', 'Phòng TCBC và TCPCP'];
const GROUP_LEAD = 'Các đơn vị thuộc, trực thuộc Sở';
const COORDINATING = ['Các đơn vị thuộc, trực thuộc Sở', 'Văn phòng Sở', 'Các đơn vị liên quan', 'Phòng TCBC và TCPCP', ''];
const QUARTERS = ['I', 'II', 'III', 'IV'];

/** Every timeline kind of the plan format: dates, months, quarters, continuous, events, milestones. */
function timelineOf(i: number, year: number): string {
  const month = (i % 12) + 1;
  switch (i % 8) {
    case 0:
      return `Tháng ${month}/${year}`;
    case 1:
      return `Quý ${QUARTERS[i % 4]}/${year}`;
    case 2:
      return 'Thường xuyên';
    case 3:
      return 'Sau khi UBND tỉnh ban hành Kế hoạch';
    case 4:
      return `Ban hành Kế hoạch: tháng ${Math.min(month, 11)}/${year} Thực hiện: cả năm`;
    case 5:
      return `Trước ngày ${(i % 27) + 1}/${month}/${year}`;
    case 6:
      return 'Cả năm';
    default:
      return `Tháng ${String(month).padStart(2, '0')}/${year}`;
  }
}

export interface GeneratedPlan {
  text: string;
  rows: number;
  groupLedRows: number;
  year: number;
}

/**
 * A plan in the text form of the appendix (as `infra/sample-data`), with `rows` rows over ten
 * sections: realistic Vietnamese tasks, every timeline kind, and one row in `groupEvery` led by
 * "Các đơn vị thuộc, trực thuộc Sở" (a group-led row: one task per unit). Deterministic.
 */
export function generatePlanText(rows: number, opts: { year: number; groupEvery?: number }): GeneratedPlan {
  const { year } = opts;
  const groupEvery = opts.groupEvery ?? 20;
  const sample = readFileSync(SAMPLE, 'utf8');
  // The document above the table, moved to the plan's year.
  const preamble = sample
    .slice(0, sample.indexOf(HEADER_ROW))
    .replace(/2023/g, String(year))
    .replace(/2022/g, String(year - 1));
  const lines = [preamble.trimEnd(), '', HEADER_ROW];
  const perSection = Math.ceil(rows / SECTIONS.length);
  let n = 0;
  let groupLedRows = 0;
  for (let s = 0; s < SECTIONS.length && n < rows; s++) {
    lines.push(`<b>${ROMAN[s]}. ${SECTIONS[s]}</b>\t\t\t\t\t`);
    for (let k = 1; k <= perSection && n < rows; k++, n++) {
      const groupLed = n % groupEvery === groupEvery - 1;
      if (groupLed) groupLedRows++;
      const title = `${VERBS[n % VERBS.length]} ${OBJECTS[(n >> 3) % OBJECTS.length]} năm ${year} (nội dung ${n + 1})`;
      const lead = groupLed ? GROUP_LEAD : LEADS[n % LEADS.length];
      const coordinating = groupLed ? 'Văn phòng Sở' : COORDINATING[(n >> 1) % COORDINATING.length];
      const note = n % 9 === 0 ? 'Báo cáo kết quả về Văn phòng Sở' : '';
      lines.push([k, title, lead, coordinating, timelineOf(n, year), note].join('\t'));
    }
  }
  lines.push(`<b>Tổng cộng: ${rows} nhiệm vụ</b>\t\t\t\t\t`, '');
  return { text: lines.join('\n'), rows, groupLedRows, year };
}
