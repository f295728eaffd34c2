/**
 * Folds Vietnamese text for diacritics-insensitive search: "Cải cách hành chính" → "cai cach hanh chinh".
 * `đ` is not a combining mark, so it is mapped by hand.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
