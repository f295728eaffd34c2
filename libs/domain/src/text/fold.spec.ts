import { foldForSearch } from './fold';

describe('foldForSearch', () => {
  it.each([
    ['Cải cách hành chính', 'cai cach hanh chinh'],
    ['Đẩy mạnh  ĐỔI MỚI', 'day manh doi moi'],
    ['Tổ chức phi chính phủ'.normalize('NFD'), 'to chuc phi chinh phu'],
  ])('%s → %s', (input, expected) => expect(foldForSearch(input)).toBe(expected));
});
