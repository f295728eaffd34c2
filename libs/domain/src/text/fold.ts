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

/**
 * Lower case without diacritics, `đ` → `d`, one output character per input UTF-16 unit: an index
 * found in the folded text is the same index in the text as written, so parsers can match on the
 * folded form ("Quý"/"Quí", "hằng"/"hàng", text typed without accents) and cut the original.
 */
export function foldSameLength(text: string): string {
  let out = '';
  for (const ch of text.split('')) {
    if (ch === 'đ' || ch === 'Đ' || ch === 'Ð' || ch === 'ð') {
      out += 'd';
      continue;
    }
    const base = ch.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += base.length === 1 ? base : ch;
  }
  return out;
}
