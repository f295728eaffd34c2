/** A name the demo directory does not know ("Phòng Tài chính - Kế toán"), as the plan below writes it. */
export const UNKNOWN_UNIT = 'Phòng Tài chính - Kế toán';

export function unknownUnitPlanTitle(year: number): string {
  return `Cải cách hành chính Sở Nội vụ năm ${year}`;
}

/**
 * A three-row plan (text appendix) of `year` whose UNKNOWN_UNIT leads I.1 and coordinates I.2:
 * it previews two UNKNOWN_UNIT errors until a unit is chosen for that name.
 */
export function unknownUnitPlanText(year: number): string {
  const rows = [
    ['1', 'Xây dựng dự toán kinh phí cải cách hành chính', UNKNOWN_UNIT, 'Ban Tôn giáo', `Tháng 3/${year}`],
    ['2', 'Rà soát thủ tục hành chính lĩnh vực tôn giáo', 'Ban Tôn giáo', `${UNKNOWN_UNIT}, Văn phòng Sở`, `Tháng 5/${year}`],
    ['3', 'Tổng kết công tác cải cách hành chính', 'Văn phòng Sở', 'Ban Tôn giáo', `Tháng 11/${year}`],
  ];
  return [
    'KẾ HOẠCH',
    unknownUnitPlanTitle(year),
    '',
    'PHỤ LỤC',
    'STT\tNhiệm vụ cụ thể\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tGhi chú',
    '<b>I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH</b>\t\t\t\t\t',
    ...rows.map((r) => `${r.join('\t')}\t`),
    '',
  ].join('\n');
}
