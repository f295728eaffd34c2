import { isHeaderRow, mapHeaderCell, mapHeaderRow } from './header-mapper';

describe('mapHeaderCell', () => {
  it.each([
    ['STT', 'ordinal'],
    ['TT', 'ordinal'],
    ['Số TT', 'ordinal'],
    ['<b>STT</b>', 'ordinal'],
    ['Nhiệm vụ cụ thể', 'title'],
    ['Nội dung nhiệm vụ', 'title'],
    ['Nội dung công việc', 'title'],
    ['Nhiệm vụ', 'title'],
    ['Nội dung', 'title'],
    ['NHIỆM VỤ CỤ THỂ', 'title'],
    ['Cơ quan chủ trì', 'lead'],
    ['Đơn vị chủ trì', 'lead'],
    ['Cơ quan/Đơn vị chủ trì', 'lead'],
    ['Chủ trì', 'lead'],
    ['Cơ quan phối hợp', 'coordinating'],
    ['Đơn vị phối hợp', 'coordinating'],
    ['Phối hợp', 'coordinating'],
    ['Thời gian thực hiện', 'timeline'],
    ['Thời gian hoàn thành', 'timeline'],
    ['Thời hạn', 'timeline'],
    ['Thời gian', 'timeline'],
    ['Ghi chú', 'note'],
    ['Ghi chú:', 'note'],
  ])('%j → %s', (text, key) => {
    expect(mapHeaderCell(text)).toBe(key);
  });

  it.each(['Sản phẩm', 'Kết quả đầu ra', '', 'Nhiệm vụ xây dựng kế hoạch cải cách hành chính năm 2023 của Sở Nội vụ tỉnh'])(
    '%j is not a known column',
    (text) => {
      expect(mapHeaderCell(text)).toBeNull();
    },
  );
});

describe('mapHeaderRow / isHeaderRow', () => {
  it('maps known columns and leaves the others for extra columns', () => {
    const mapping = mapHeaderRow(['TT', 'Nội dung công việc', 'Đơn vị chủ trì', 'Sản phẩm', 'Thời hạn', 'Ghi chú']);
    expect(mapping.columns).toEqual(['ordinal', 'title', 'lead', null, 'timeline', 'note']);
    expect(mapping.texts[3]).toBe('Sản phẩm');
  });

  it('keeps the first of two cells that map to the same column', () => {
    expect(mapHeaderRow(['STT', 'Nhiệm vụ', 'Chủ trì', 'Thời gian bắt đầu', 'Thời gian hoàn thành']).columns).toEqual([
      'ordinal',
      'title',
      'lead',
      'timeline',
      null,
    ]);
  });

  it('needs the task column and at least three known columns', () => {
    expect(isHeaderRow(['STT', 'Nhiệm vụ cụ thể', 'Cơ quan chủ trì'])).toBe(true);
    expect(isHeaderRow(['STT', 'Cơ quan chủ trì', 'Thời gian'])).toBe(false);
    expect(isHeaderRow(['STT', 'Nhiệm vụ cụ thể'])).toBe(false);
    expect(isHeaderRow(['1', 'Ban hành Kế hoạch', 'Phòng CCHC-VTLT', 'Các đơn vị', 'Tháng 2/2023', ''])).toBe(false);
  });
});
