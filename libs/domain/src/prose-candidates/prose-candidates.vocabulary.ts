import { foldSameLength } from './prose-candidates.text';

/**
 * The words the extractor recognizes, written as users write them and folded once here, so the
 * grammar in the extractor matches diacritics-free text but the lists stay readable.
 */

/**
 * Verbs that open a duty in these plans. Deliberately short: a sentence that opens with anything
 * else ("Xác định công tác CCHC là…", "Từng đồng chí lãnh đạo…") is an attitude or a statement, not a
 * task, and precision matters more than recall.
 */
const ACTION_VERBS = [
  'chủ trì', 'phối hợp', 'tham mưu', 'thực hiện', 'triển khai', 'tổ chức', 'xây dựng', 'ban hành',
  'hướng dẫn', 'đôn đốc', 'theo dõi', 'kiểm tra', 'thanh tra', 'giám sát', 'tổng hợp', 'báo cáo',
  'rà soát', 'cập nhật', 'công bố', 'công khai', 'niêm yết', 'đẩy mạnh', 'tăng cường', 'nâng cao',
  'duy trì', 'bố trí', 'chấp hành', 'quản lý', 'đảm bảo', 'bảo đảm', 'hoàn thành', 'hoàn thiện',
  'chỉ đạo', 'trình', 'gửi', 'đề xuất', 'tuyên truyền', 'phổ biến', 'đánh giá', 'chấm điểm', 'đưa',
  'tiếp nhận', 'xử lý', 'giải quyết', 'nghiên cứu', 'cung cấp', 'lập', 'số hóa', 'số hoá', 'sửa đổi',
  'kiện toàn', 'sắp xếp', 'huy động', 'sơ kết', 'tổng kết', 'khảo sát', 'cụ thể hóa', 'cụ thể hoá',
  'kiểm soát', 'tham gia', 'giúp', 'đăng ký', 'thẩm định', 'phê duyệt', 'cử', 'nộp',
];

/** Adverbs that may precede the verb: "Thường xuyên cập nhật…", "Định kỳ hàng quý, …, tham mưu…". */
const ADVERB_LEADS = [
  'tiếp tục', 'thường xuyên', 'định kỳ', 'hằng năm', 'hàng năm', 'hằng quý', 'hàng quý', 'hằng tháng',
  'hàng tháng', 'kịp thời', 'chủ động', 'tập trung', 'khẩn trương', 'nghiêm túc', 'đồng thời',
];

/**
 * Where a phrase of unit names ends and the duty begins ("phối hợp với các cơ quan có liên quan |
 * tham mưu…"). Nouns that also read as verbs inside unit names ("Bộ phận tiếp nhận và trả kết quả",
 * "quy trình") are left out; capitalized words never stop a phrase, since unit names are capitalized.
 */
const PHRASE_STOPS = [
  'chủ trì', 'phối hợp', 'tham mưu', 'thực hiện', 'triển khai', 'tổ chức', 'xây dựng', 'ban hành',
  'hướng dẫn', 'đôn đốc', 'theo dõi', 'kiểm tra', 'tổng hợp', 'báo cáo', 'rà soát', 'cập nhật',
  'công bố', 'niêm yết', 'đẩy mạnh', 'tăng cường', 'nâng cao', 'bố trí', 'đề xuất', 'tuyên truyền',
  'đánh giá', 'kiểm soát', 'tham gia', 'giúp', 'gửi', 'cụ thể hóa', 'cụ thể hoá', 'chịu trách nhiệm',
  'có trách nhiệm', 'trong việc', 'nhằm', 'để', 'đề', ...ADVERB_LEADS,
];

/** "tổ chức" is also a noun: "các cơ quan, tổ chức có liên quan" must not end the phrase there. */
const NOUN_BEFORE = /(?:,|\bcac|\bva|\bco quan|\bhoac)\s*$/;

/**
 * Words that start a unit name when a proper name follows ("Phòng Tư pháp", "Ban Chỉ đạo", "Thanh
 * tra Sở"). Requiring the capital keeps verbs out: "Ban hành…", "Thanh tra, kiểm tra…".
 */
const NAMED_UNIT_HEADS = [
  'văn phòng', 'phòng', 'ban', 'sở', 'trung tâm', 'thanh tra', 'chi cục', 'cục', 'bộ phận', 'công an',
  'lãnh đạo', 'đoàn', 'hội', 'bộ', 'cơ quan', 'đảng ủy', 'đảng uỷ',
];

/** Words that name units or groups of units whatever follows ("UBND các phường, xã", "Các phòng, ban…"). */
const GROUP_UNIT_HEADS = [
  'ubnd', 'ủy ban nhân dân', 'uỷ ban nhân dân', 'hđnd', 'các phòng', 'các cơ quan', 'các đơn vị',
  'các sở', 'các ban', 'các trung tâm', 'trưởng các', 'thủ trưởng', 'giám đốc', 'phó giám đốc',
  'chủ tịch ubnd', 'cơ quan chuyên môn',
];

function alternation(words: readonly string[]): string {
  return [...new Set(words.map(foldSameLength))]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

const ACTION = alternation(ACTION_VERBS);
const ADVERB = alternation(ADVERB_LEADS);

/** Folded text opens with an action verb. */
export const STARTS_WITH_ACTION = new RegExp(`^(?:${ACTION})(?![a-z])`);
/** Folded text opens with an adverb that may precede the verb. */
export const STARTS_WITH_ADVERB = new RegExp(`^(?:${ADVERB})(?![a-z])`);
/** An action verb anywhere, as a whole word (folded). */
export const ACTION_ANYWHERE = new RegExp(`(?<![a-z])(?:${ACTION})(?![a-z])`, 'g');
/** An action or adverb after a comma: where a "Căn cứ …," preamble hands over to the duty (folded). */
export const ACTION_AFTER_COMMA = new RegExp(`,\\s+(?=(?:${ACTION}|${ADVERB})(?![a-z]))`, 'g');

const STOPS = new RegExp(`(?<![a-z])(?:${alternation(PHRASE_STOPS)})(?![a-z])`, 'g');

/**
 * First place in `text[from..limit]` where a unit phrase ends: a lower-case stop word as written
 * (so "Ban Chỉ đạo" or "Phòng Tổ chức" never stop it), and "tổ chức" only where it is not a noun.
 */
export function findPhraseEnd(text: string, folded: string, from: number, limit: number): number | null {
  STOPS.lastIndex = from;
  for (let m = STOPS.exec(folded); m !== null && m.index < limit; m = STOPS.exec(folded)) {
    const ch = text[m.index];
    if (ch !== ch.toLowerCase()) continue;
    if (/^to\s+chuc$/.test(m[0]) && NOUN_BEFORE.test(folded.slice(from, m.index))) continue;
    return m.index;
  }
  return null;
}

const NAMED_HEAD = new RegExp(`^(?:${alternation(NAMED_UNIT_HEADS)})\\s+`);
const GROUP_HEAD = new RegExp(`^(?:${alternation(GROUP_UNIT_HEADS)})(?![a-z])`);

/** The phrase (as written) opens with a unit name or a group of units. */
export function startsWithUnit(text: string): boolean {
  const folded = foldSameLength(text);
  if (GROUP_HEAD.test(folded)) return true;
  const named = NAMED_HEAD.exec(folded);
  return named !== null && /\p{Lu}/u.test(text[named[0].length] ?? '');
}
