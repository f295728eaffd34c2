import { foldForSearch } from '../../../../libs/domain/src/text/fold';

/** "Cải cách Hành chính" → "cai cach hanh chinh": search without diacritics, the API's own fold (`foldForSearch`). */
export const fold = foldForSearch;

/** Every word of `query` somewhere in `text`, diacritics and case aside (as `GET /tasks?q=` matches). */
export function matchesQuery(text: string, query: string): boolean {
  const words = fold(query).split(' ').filter(Boolean);
  if (!words.length) return true;
  const hay = fold(text);
  return words.every((w) => hay.includes(w));
}
