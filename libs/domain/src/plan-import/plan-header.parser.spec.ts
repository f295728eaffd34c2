import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePlanHeader, type PlanHeader } from './plan-header.parser';
import { readSamplePlanText } from './testing/appendix-fixtures';
import { readTextAppendix } from './text-appendix.reader';

const REPO_ROOT = resolve(__dirname, '../../../..');
// The five real plans, copied into the repository's fixtures (tests never read ../shared).
const SEEDS_DIR = resolve(REPO_ROOT, 'test/fixtures/seeds');
const itWithSeeds = it;
const seed = (prefix: string) => {
  const name = ['000_aa29c18a37661c3c', '001_834a93d9df70f47e', '002_eb7196ab3e440511', '003_d3f564d163c8d1e7', '004_ae6ed311de1af7f1'].find(
    (n) => n.startsWith(prefix),
  );
  return readFileSync(resolve(SEEDS_DIR, `${name}.txt`), 'utf8');
};

const EMPTY: PlanHeader = {
  number: null,
  symbol: null,
  title: null,
  appendixTitle: null,
  issuer: null,
  place: null,
  date: null,
  dateParts: null,
  year: null,
  period: null,
  signer: null,
  signerPosition: null,
  signedOnBehalf: false,
  signingFor: null,
};

describe('parsePlanHeader on the sample plan (seed 003)', () => {
  const expected: PlanHeader = {
    number: null,
    symbol: 'KH-SNV',
    title: 'Cải cách hành chính Sở Nội vụ năm 2023',
    appendixTitle: 'CÁC NHIỆM VỤ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH SỞ NỘI VỤ NĂM 2023',
    issuer: 'Sở Nội vụ',
    place: 'Bình Định',
    date: null,
    dateParts: { day: null, month: 12, year: 2022 },
    year: 2023,
    period: null,
    signer: 'Lê Minh Tuấn',
    signerPosition: 'GIÁM ĐỐC',
    signedOnBehalf: false,
    signingFor: null,
  };

  it('reads the whole text: blank number, blank day, the 2023 title (not the 2022 issue date), the director', () => {
    expect(parsePlanHeader(readSamplePlanText())).toEqual(expected);
  });

  it('reads the same from the lines before the table, as the text reader hands them over', () => {
    expect(parsePlanHeader(readTextAppendix(readSamplePlanText()).precedingText)).toEqual(expected);
  });
});

describe('parsePlanHeader on the five seeds', () => {
  itWithSeeds('000: a deputy signs for the director (KT.), date all blank but the year', () => {
    expect(parsePlanHeader(seed('000'))).toEqual({
      ...EMPTY,
      symbol: 'KH-SNV',
      title: 'Cải cách hành chính năm 2023',
      issuer: 'Sở Nội vụ',
      place: 'Hưng Yên',
      dateParts: { day: null, month: null, year: 2023 },
      year: 2023,
      signer: 'Nguyễn Thị Tươi',
      signerPosition: 'PHÓ GIÁM ĐỐC',
      signedOnBehalf: true,
      signingFor: 'GIÁM ĐỐC',
    });
  });

  itWithSeeds('001: a full date, signed by the director', () => {
    expect(parsePlanHeader(seed('001'))).toEqual({
      ...EMPTY,
      symbol: 'KH-SNV',
      title: 'Công tác ngành Nội vụ tỉnh Hưng Yên năm 2023',
      issuer: 'Sở Nội vụ',
      place: 'Hưng Yên',
      date: '2023-02-03',
      dateParts: { day: 3, month: 2, year: 2023 },
      year: 2023,
      signer: 'Lê Quang Hòa',
      signerPosition: 'GIÁM ĐỐC',
    });
  });

  itWithSeeds('002: a 2022–2025 period, the issuer from "của …" in the title, no number or date line', () => {
    expect(parsePlanHeader(seed('002'))).toEqual({
      ...EMPTY,
      title: 'Cải cách hành chính giai đoạn 2022-2025 của Sở Lao động – Thương binh và Xã hội',
      issuer: 'Sở Lao động – Thương binh và Xã hội',
      period: { startYear: 2022, endYear: 2025 },
      signer: 'Nguyễn Hữu Phước',
      signerPosition: 'PHÓ GIÁM ĐỐC',
      signedOnBehalf: true,
      signingFor: 'GIÁM ĐỐC',
    });
  });

  itWithSeeds('003: the shared seed reads like the sample copy', () => {
    const header = parsePlanHeader(seed('003'));
    expect(header).toMatchObject({ year: 2023, signer: 'Lê Minh Tuấn', title: 'Cải cách hành chính Sở Nội vụ năm 2023' });
  });

  itWithSeeds('004: a city committee (TM.), the name below the recipients list', () => {
    expect(parsePlanHeader(seed('004'))).toEqual({
      ...EMPTY,
      symbol: 'KH-UBND',
      title: 'Cải cách hành chính thành phố Hưng Yên năm 2024',
      issuer: 'UBND thành phố',
      place: 'TP. Hưng Yên',
      dateParts: { day: null, month: null, year: 2024 },
      year: 2024,
      signer: 'Doãn Quốc Hoàn',
      signerPosition: 'CHỦ TỊCH',
      signedOnBehalf: false,
      signingFor: 'ỦY BAN NHÂN DÂN',
    });
  });
});

describe('parsePlanHeader on the shapes Word files give', () => {
  // The Word reader hands over one entry per paragraph and one per table cell (paragraphs joined).
  const signedWordPlan = [
    'UBND TỈNH BÌNH ĐỊNH SỞ NỘI VỤ Số: 123/KH-SNV',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Bình Định, ngày 03 tháng 02 năm 2023',
    'KẾ HOẠCH',
    'Cải cách hành chính Sở Nội vụ năm 2023',
    'Thực hiện Quyết định số 4510/QĐ-UBND ngày 29/12/2022 của Ủy ban nhân dân tỉnh; Sở Nội vụ ban hành Kế hoạch như sau:',
    'I. MỤC ĐÍCH, YÊU CẦU',
    'Nơi nhận: - UBND tỉnh; - Lưu: VT, VP.',
    'KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Nguyễn Văn An',
    'PHỤ LỤC',
  ];

  it('reads number, place and date out of the letterhead cells, and the signature cell', () => {
    expect(parsePlanHeader(signedWordPlan)).toEqual({
      ...EMPTY,
      number: '123/KH-SNV',
      symbol: 'KH-SNV',
      title: 'Cải cách hành chính Sở Nội vụ năm 2023',
      issuer: 'SỞ NỘI VỤ',
      place: 'Bình Định',
      date: '2023-02-03',
      dateParts: { day: 3, month: 2, year: 2023 },
      year: 2023,
      signer: 'Nguyễn Văn An',
      signerPosition: 'PHÓ GIÁM ĐỐC',
      signedOnBehalf: true,
      signingFor: 'GIÁM ĐỐC',
    });
  });

  it('takes the year from the appendix title when a file holds only the appendix', () => {
    const header = parsePlanHeader([
      'UBND TỈNH BÌNH ĐỊNH SỞ NỘI VỤ',
      'PHỤ LỤC',
      'CÁC NHIỆM VỤ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH SỞ NỘI VỤ NĂM 2023',
      '(Kèm theo Kế hoạch số KH-SNV ngày tháng năm 2022 của Sở Nội vụ tỉnh Bình Định)',
    ]);
    expect(header).toMatchObject({ title: null, year: 2023, issuer: 'SỞ NỘI VỤ', date: null, dateParts: null, place: null });
  });

  it('keeps an impossible date out of `date` but keeps its parts', () => {
    const header = parsePlanHeader(['Số: 7/KH-SNV', 'Bình Định, ngày 31 tháng 02 năm 2023', 'KẾ HOẠCH Công tác năm 2023']);
    expect(header).toMatchObject({ number: '7/KH-SNV', date: null, dateParts: { day: 31, month: 2, year: 2023 }, title: 'Công tác năm 2023' });
  });

  it('reads a deputy chairman signing for the chairman of a committee (TM. … KT. …)', () => {
    const header = parsePlanHeader(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '(Đã ký)', 'Trần Văn Bình']);
    expect(header).toMatchObject({ signer: 'Trần Văn Bình', signerPosition: 'PHÓ CHỦ TỊCH', signedOnBehalf: true, signingFor: 'CHỦ TỊCH' });
  });

  it('returns every field empty for text that is not a plan', () => {
    expect(parsePlanHeader('Biên bản họp giao ban tuần.')).toEqual(EMPTY);
  });
});
