import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractProseCandidates } from './prose-candidates.extractor';
import type { ProseCandidate, ProseCandidateOptions } from './prose-candidates.types';

// The real plans, copied into the repository's fixtures (tests never read ../shared).
const SEEDS = resolve(__dirname, '../../../../test/fixtures/seeds');
const describeSeeds = describe;

const Y2024: ProseCandidateOptions = { planYear: 2024 };

function readSeed(name: string): string {
  return readFileSync(resolve(SEEDS, name), 'utf8');
}

/** The seed as a reader sees it: no Markdown stars or heading hashes, whitespace (line breaks too) tidied. */
function readable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/^\s*#{1,6}\s+/gm, '')
    .replace(/\*+/g, '')
    .replace(/\s+/g, ' ');
}

function extract(lines: string[], opts: ProseCandidateOptions = Y2024): ProseCandidate[] {
  return extractProseCandidates(lines.join('\n'), opts);
}

function only(candidates: ProseCandidate[]): ProseCandidate {
  expect(candidates).toHaveLength(1);
  return candidates[0];
}

describeSeeds('extractProseCandidates on the prose seeds', () => {
  describe('seed 004 (Hưng Yên city, 2024): the reporting calendar and the hand-in date', () => {
    const text = readSeed('004_ae6ed311de1af7f1.txt');
    const candidates = extractProseCandidates(text, Y2024);
    const dated = candidates.filter((c) => c.kind === 'dated-obligation');
    const units = 'Các phòng chuyên môn, đơn vị sự nghiệp công lập thuộc thành phố; UBND các phường, xã';

    it.each([
      ['Báo cáo CCHC quý I năm 2024', '2024-03-14', 'Báo cáo CCHC quý I năm 2024: trước ngày 14/3/2024', 248],
      ['Báo cáo CCHC 6 tháng năm 2024', '2024-06-14', 'Báo cáo CCHC 6 tháng năm 2024: trước ngày 14/6/2024', 249],
      ['Báo cáo CCHC quý III năm 2024', '2024-09-14', 'Báo cáo CCHC quý III năm 2024: trước ngày 14/9/2024', 250],
      ['Báo cáo CCHC năm 2024', '2024-12-14', 'Báo cáo CCHC năm 2024: trước ngày 14/12/2024', 251],
    ])('%s is due %s', (title, due, wording, line) => {
      const report = only(dated.filter((c) => c.title === title));
      expect(report).toMatchObject({
        due,
        timelineText: `trước ngày ${wording.split('trước ngày ')[1]}`,
        leadText: units,
        sourceLine: line,
        confidence: 'high',
      });
      expect(report.sourceSentence).toContain(wording);
      expect(report.section).toBe(`2. ${units}`);
    });

    it('proposes the hand-in of each unit plan before 20/01/2024, with the sentence it came from', () => {
      const handIn = only(dated.filter((c) => c.due === '2024-01-20'));
      expect(handIn).toMatchObject({ timelineText: 'trước ngày 20/01/2024', leadText: units, sourceLine: 230, confidence: 'high' });
      expect(handIn.title).toMatch(/^Cụ thể hóa chỉ tiêu, nhiệm vụ tại Kế hoạch này thành Kế hoạch CCHC năm 2024/);
      expect(handIn.title).toContain('gửi về UBND thành phố (qua Phòng Nội vụ)');
      expect(handIn.sourceSentence).toContain('gửi về UBND thành phố (qua Phòng Nội vụ) trước ngày 20/01/2024');
    });

    it('finds no other date in the plan: legal references ("ngày 15/7/2021") are not deadlines', () => {
      expect(dated.map((c) => c.due).sort()).toEqual(['2024-01-20', '2024-03-14', '2024-06-14', '2024-09-14', '2024-12-14']);
    });

    it('reads the duties of each unit under "IV. TỔ CHỨC THỰC HIỆN", leads first', () => {
      const justice = candidates.find((c) => c.leadText === 'Phòng Tư pháp thành phố' && c.confidence === 'high');
      expect(justice).toMatchObject({
        kind: 'responsibility',
        coordinatingText: 'các cơ quan có liên quan',
        title: 'Tham mưu đề xuất với UBND thành phố thực hiện các nhiệm vụ về cải cách thể chế',
        sourceLine: 293,
        section: '4. Phòng Tư pháp thành phố',
      });
      const office = candidates.find((c) => c.sourceLine === 271);
      expect(office).toMatchObject({
        leadText: 'Văn phòng HĐND và UBND thành phố',
        coordinatingText: 'các cơ quan liên quan',
        title: 'Thực hiện các nhiệm vụ về cải cách TTHC, kiểm soát và đơn giản hóa TTHC',
        confidence: 'high',
      });
      const culture = candidates.find((c) => c.sourceLine === 319);
      expect(culture).toMatchObject({
        leadText: 'Phòng Văn hóa và Thông tin thành phố',
        coordinatingText: 'Trung tâm Văn hóa và Truyền thanh thành phố',
        title: 'Xây dựng và tổ chức thực hiện Kế hoạch tuyên truyền cải cách hành chính năm 2024',
      });
    });

    it('proposes nothing from the goals and tasks sections, the closing words or the recipients', () => {
      expect(candidates.every((c) => c.sourceLine >= 210 && c.sourceLine <= 331)).toBe(true);
    });
  });

  describe.each([
    ['000_aa29c18a37661c3c.txt', { planYear: 2023 }],
    ['001_834a93d9df70f47e.txt', { planYear: 2023 }],
    ['002_eb7196ab3e440511.txt', { planYear: 2022, planEndYear: 2025 }],
    ['004_ae6ed311de1af7f1.txt', { planYear: 2024 }],
  ] as Array<[string, ProseCandidateOptions]>)('seed %s', (name, opts) => {
    const text = readSeed(name);
    const candidates = extractProseCandidates(text, opts);

    it('proposes candidates, each showing a sentence that occurs in the plan', () => {
      expect(candidates.length).toBeGreaterThan(0);
      const plan = readable(text);
      for (const c of candidates) {
        expect(c.sourceSentence.trim()).not.toBe('');
        expect(plan).toContain(c.sourceSentence);
        expect(c.sourceSentence).not.toMatch(/\*|^#/);
        expect(c.title.length).toBeGreaterThan(2);
      }
    });

    it("points each candidate at the line its sentence starts on", () => {
      const lines = text.normalize('NFC').split(/\r\n|\r|\n/).map((l) => readable(l).trim());
      for (const c of candidates) {
        expect(readable(lines[c.sourceLine - 1])).toContain(c.sourceSentence.split(' ').slice(0, 3).join(' '));
      }
    });

    it("gives no deadline outside the plan's years ±1", () => {
      const end = opts.planEndYear ?? opts.planYear;
      for (const c of candidates.filter((x) => x.due !== null)) {
        const year = Number(c.due?.slice(0, 4));
        expect(year).toBeGreaterThanOrEqual(opts.planYear - 1);
        expect(year).toBeLessThanOrEqual(end + 1);
      }
    });

    it('proposes each candidate once', () => {
      const keys = candidates.map((c) => JSON.stringify([c.kind, c.title, c.leadText, c.coordinatingText, c.due, c.sourceSentence]));
      expect(new Set(keys).size).toBe(keys.length);
    });
  });
});

describe('extractProseCandidates: dated obligations', () => {
  it('takes the label before ": trước ngày D/M/YYYY" as the title', () => {
    const c = only(extract(['- Báo cáo CCHC quý I năm 2024: trước ngày 14/3/2024;']));
    expect(c).toMatchObject({
      kind: 'dated-obligation',
      title: 'Báo cáo CCHC quý I năm 2024',
      due: '2024-03-14',
      timelineText: 'trước ngày 14/3/2024',
      sourceSentence: 'Báo cáo CCHC quý I năm 2024: trước ngày 14/3/2024;',
      sourceLine: 1,
      leadText: null,
      // Nobody named to do it: a person decides who.
      confidence: 'medium',
    });
  });

  it('fills a missing year from a one-year plan', () => {
    const c = only(extract(['IV. TỔ CHỨC THỰC HIỆN', '1. Văn phòng Sở', '- Gửi báo cáo tổng kết về Sở Nội vụ trước ngày 20/12.']));
    expect(c).toMatchObject({ title: 'Gửi báo cáo tổng kết về Sở Nội vụ', due: '2024-12-20', leadText: 'Văn phòng Sở', confidence: 'high' });
  });

  it('leaves the year to a person in a multi-year plan', () => {
    const c = only(extract(['- Gửi báo cáo tổng kết về Sở Nội vụ trước ngày 20/12.'], { planYear: 2022, planEndYear: 2025 }));
    expect(c).toMatchObject({ due: null, timelineText: 'trước ngày 20/12', confidence: 'medium' });
  });

  it.each([
    ['Các phòng gửi dự thảo về Văn phòng Sở chậm nhất ngày 15/11/2024.', 'chậm nhất ngày 15/11/2024', '2024-11-15'],
    ['Các phòng gửi dự thảo về Văn phòng Sở chậm nhất là ngày 15/11/2024.', 'chậm nhất là ngày 15/11/2024', '2024-11-15'],
    ['Nộp hồ sơ đề nghị khen thưởng, thời hạn: ngày 30/6/2024.', 'thời hạn: ngày 30/6/2024', '2024-06-30'],
    ['Nộp hồ sơ đề nghị khen thưởng, hạn nộp ngày 30/6/2024.', 'hạn nộp ngày 30/6/2024', '2024-06-30'],
    ['Gửi báo cáo năm trước ngày 15 tháng 12 năm 2024.', 'trước ngày 15 tháng 12 năm 2024', '2024-12-15'],
    ['Gửi báo cáo năm trước ngày 15.12.2024.', 'trước ngày 15.12.2024', '2024-12-15'],
  ])('reads "%s"', (sentence, timelineText, due) => {
    const c = only(extract([sentence]));
    expect(c).toMatchObject({ kind: 'dated-obligation', timelineText, due, sourceSentence: sentence });
  });

  it('reads the subject as the lead and the duty as the title', () => {
    const c = only(extract(['Các phòng chuyên môn gửi dự thảo về Văn phòng Sở chậm nhất ngày 15/11/2024.']));
    expect(c).toMatchObject({ leadText: 'Các phòng chuyên môn', title: 'Gửi dự thảo về Văn phòng Sở', confidence: 'high' });
  });

  it('reads the duty after a leading deadline', () => {
    const c = only(extract(['Trước ngày 10/01/2024, Văn phòng Sở tổng hợp danh sách đăng ký thi đua.']));
    expect(c).toMatchObject({ leadText: 'Văn phòng Sở', title: 'Tổng hợp danh sách đăng ký thi đua', due: '2024-01-10' });
  });

  it('strips Markdown from the sentence and the title, keeping the wording', () => {
    const c = only(extract(['a) Lập kế hoạch, gửi về UBND thành phố (*qua Phòng Nội vụ*) trước ngày **20/01/2024**; bố trí kinh phí.']));
    expect(c).toMatchObject({
      title: 'Lập kế hoạch, gửi về UBND thành phố (qua Phòng Nội vụ)',
      due: '2024-01-20',
      sourceSentence: 'Lập kế hoạch, gửi về UBND thành phố (qua Phòng Nội vụ) trước ngày 20/01/2024; bố trí kinh phí.',
    });
  });

  it('gives one candidate per deadline of a sentence', () => {
    const cs = extract(['Gửi dự thảo trước ngày 10/3/2024; gửi bản chính thức trước ngày 30/3/2024.']);
    expect(cs.map((c) => [c.title, c.due])).toEqual([
      ['Gửi dự thảo', '2024-03-10'],
      ['Gửi bản chính thức', '2024-03-30'],
    ]);
  });

  it('keeps a date that cannot exist as a candidate without a deadline', () => {
    const c = only(extract(['Gửi báo cáo trước ngày 31/02/2024.']));
    expect(c).toMatchObject({ due: null, timelineText: 'trước ngày 31/02/2024', confidence: 'medium' });
  });

  it('marks a deadline just outside the plan years medium and drops one years away', () => {
    expect(only(extract(['Gửi kế hoạch năm trước ngày 25/12/2023.']))).toMatchObject({ due: '2023-12-25', confidence: 'medium' });
    expect(extract(['Gửi kế hoạch năm trước ngày 25/12/2019.'])).toEqual([]);
  });

  it.each([
    ['a legal reference', 'Triển khai Nghị định số 130/2005/NĐ-CP ngày 17/10/2005 của Chính phủ.'],
    ['"trước hạn"', 'Giải quyết hồ sơ TTHC đúng và trước hạn theo Quyết định số 468/QĐ-TTg ngày 27/3/2021.'],
    ['"hạn chế"', 'Hạn chế ngày 20/3/2024 việc tổ chức hội nghị.'],
    ['"quá thời hạn"', 'Hạn chế việc giải quyết hồ sơ quá thời hạn quy định.'],
    ['a cut-off', 'Rà soát các văn bản được ban hành trước ngày 01/7/2024.'],
    ['a date that is no deadline', 'Sở đã tổ chức Hội nghị tổng kết ngày 15/01/2024.'],
  ])('proposes nothing for %s', (_what, sentence) => {
    expect(extract([sentence])).toEqual([]);
  });
});

describe('extractProseCandidates: responsibilities under "Tổ chức thực hiện"', () => {
  it('reads "Chủ trì, phối hợp với X <việc>" under a unit heading', () => {
    const c = only(
      extract([
        'V. TỔ CHỨC THỰC HIỆN',
        '',
        '4. Phòng Tư pháp',
        '',
        'a) Chủ trì, phối hợp với các cơ quan có liên quan thực hiện các nhiệm vụ về cải cách thể chế; xây dựng Kế hoạch tuyên truyền.',
      ]),
    );
    expect(c).toEqual<ProseCandidate>({
      kind: 'responsibility',
      title: 'Thực hiện các nhiệm vụ về cải cách thể chế',
      leadText: 'Phòng Tư pháp',
      coordinatingText: 'các cơ quan có liên quan',
      due: null,
      timelineText: null,
      sourceSentence:
        'Chủ trì, phối hợp với các cơ quan có liên quan thực hiện các nhiệm vụ về cải cách thể chế; xây dựng Kế hoạch tuyên truyền.',
      sourceLine: 5,
      section: '4. Phòng Tư pháp',
      confidence: 'high',
    });
  });

  it('reads a bold unit heading and a Markdown section heading', () => {
    const cs = extract([
      '## **IV. TỔ CHỨC THỰC HIỆN**',
      '**Văn phòng HĐND và UBND**',
      '- Chủ trì triển khai thực hiện Kế hoạch.',
      '- Tham mưu tổ chức Hội nghị sơ kết.',
    ]);
    expect(cs.map((c) => [c.title, c.leadText, c.section, c.confidence])).toEqual([
      ['Triển khai thực hiện Kế hoạch', 'Văn phòng HĐND và UBND', 'Văn phòng HĐND và UBND', 'high'],
      ['Tham mưu tổ chức Hội nghị sơ kết', 'Văn phòng HĐND và UBND', 'Văn phòng HĐND và UBND', 'medium'],
    ]);
  });

  it('stops the partner phrase at the duty, never inside a capitalized unit name', () => {
    const c = only(
      extract([
        'IV. TỔ CHỨC THỰC HIỆN',
        '1. Phòng Văn hóa và Thông tin',
        'b) Chủ trì phối hợp với Trung tâm Văn hóa và Truyền thanh, Phòng Tổ chức, biên chế xây dựng Kế hoạch tuyên truyền.',
      ]),
    );
    expect(c).toMatchObject({
      coordinatingText: 'Trung tâm Văn hóa và Truyền thanh, Phòng Tổ chức, biên chế',
      title: 'Xây dựng Kế hoạch tuyên truyền',
    });
  });

  it('keeps "tổ chức" as a noun inside a partner phrase', () => {
    const c = only(extract(['IV. TỔ CHỨC THỰC HIỆN', '1. Văn phòng Sở', '- Chủ trì, phối hợp với các cơ quan, tổ chức có liên quan tổ chức Hội nghị tổng kết.']));
    expect(c).toMatchObject({ coordinatingText: 'các cơ quan, tổ chức có liên quan', title: 'Tổ chức Hội nghị tổng kết' });
  });

  it('reads "X chủ trì, phối hợp" after a short lead-in', () => {
    const c = only(
      extract(['IV. TỔ CHỨC THỰC HIỆN', '3. Thanh tra Sở', 'Tham mưu Lãnh đạo Sở chủ trì, phối hợp với các phòng có liên quan tiếp tục rà soát văn bản.']),
    );
    expect(c).toMatchObject({ leadText: 'Thanh tra Sở', coordinatingText: 'các phòng có liên quan', title: 'Tiếp tục rà soát văn bản', confidence: 'high' });
  });

  it('lets the one named partner of "Phối hợp X …" lead, but not a group', () => {
    const cs = extract([
      'IV. TỔ CHỨC THỰC HIỆN',
      '5. Phòng Tài chính - Kế hoạch',
      'a) Phối hợp Phòng Nội vụ tham gia đánh giá, chấm điểm Chỉ số cải cách hành chính.',
      'b) Phối hợp với các cơ quan chuyên môn khác tham mưu ban hành văn bản.',
    ]);
    expect(cs.map((c) => [c.leadText, c.coordinatingText, c.title, c.confidence])).toEqual([
      ['Phòng Nội vụ', 'Phòng Tài chính - Kế hoạch', 'Tham gia đánh giá, chấm điểm Chỉ số cải cách hành chính', 'medium'],
      ['Phòng Tài chính - Kế hoạch', 'các cơ quan chuyên môn khác', 'Tham mưu ban hành văn bản', 'medium'],
    ]);
  });

  it('reads the subject of a numbered item and lets it scope the paragraphs after it', () => {
    const cs = extract([
      'V. TỔ CHỨC THỰC HIỆN',
      '1. Văn phòng Sở',
      'a) Xây dựng kế hoạch CCHC hàng năm của Sở.',
      '2. Phòng Kế hoạch - Tài chính phối hợp với Văn phòng Sở tham mưu bố trí kinh phí thực hiện các hoạt động CCHC.',
      '1.1. Lãnh đạo Sở: Thực hiện Quy chế làm việc của Sở.',
      'Thường xuyên kiểm tra, đôn đốc việc triển khai thực hiện.',
      'Giao Văn phòng Sở giúp Giám đốc Sở theo dõi, đôn đốc việc thực hiện Kế hoạch.',
    ]);
    expect(cs.map((c) => [c.leadText, c.coordinatingText, c.title, c.section])).toEqual([
      ['Văn phòng Sở', null, 'Xây dựng kế hoạch CCHC hàng năm của Sở', '1. Văn phòng Sở'],
      ['Phòng Kế hoạch - Tài chính', 'Văn phòng Sở', 'Tham mưu bố trí kinh phí thực hiện các hoạt động CCHC', 'V. TỔ CHỨC THỰC HIỆN'],
      ['Lãnh đạo Sở', null, 'Thực hiện Quy chế làm việc của Sở', 'V. TỔ CHỨC THỰC HIỆN'],
      ['Lãnh đạo Sở', null, 'Thường xuyên kiểm tra, đôn đốc việc triển khai thực hiện', 'V. TỔ CHỨC THỰC HIỆN'],
      ['Văn phòng Sở', null, 'Giúp Giám đốc Sở theo dõi, đôn đốc việc thực hiện Kế hoạch', 'V. TỔ CHỨC THỰC HIỆN'],
    ]);
  });

  it('reads "Đề nghị X" headings and "… có trách nhiệm" headings as the unit', () => {
    const cs = extract([
      'IV. TỔ CHỨC THỰC HIỆN',
      '1. Các phòng, ban, trung tâm thuộc và trực thuộc Sở có trách nhiệm',
      '- Chỉ đạo, tổ chức triển khai thực hiện nhiệm vụ thuộc phạm vi quản lý.',
      '2. Đề nghị Ủy ban nhân dân cấp huyện',
      '2.1. Chủ động triển khai các nhiệm vụ trọng tâm của Kế hoạch này.',
    ]);
    expect(cs.map((c) => c.leadText)).toEqual(['Các phòng, ban, trung tâm thuộc và trực thuộc Sở', 'Ủy ban nhân dân cấp huyện']);
  });

  it('glues a sentence broken across lines and points at the line it starts on', () => {
    const cs = extract([
      'IV. TỔ CHỨC THỰC HIỆN',
      '1. Văn phòng Sở',
      '',
      'a) Chủ trì, phối hợp với các phòng có liên quan rà soát, sắp xếp lại cơ cấu tổ chức, đảm bảo lộ trình tinh',
      '',
      'giảm biên chế theo quy định. Tổng hợp kết quả chấm điểm chỉ số CCHC của Sở.',
    ]);
    expect(cs.map((c) => [c.sourceLine, c.sourceSentence])).toEqual([
      [4, 'Chủ trì, phối hợp với các phòng có liên quan rà soát, sắp xếp lại cơ cấu tổ chức, đảm bảo lộ trình tinh giảm biên chế theo quy định.'],
      [6, 'Tổng hợp kết quả chấm điểm chỉ số CCHC của Sở.'],
    ]);
  });

  it('does not split sentences after abbreviations', () => {
    const c = only(extract(['IV. TỔ CHỨC THỰC HIỆN', '1. Văn phòng Sở', '- Tham mưu UBND TP. Hưng Yên tổ chức Hội nghị.']));
    expect(c.sourceSentence).toBe('Tham mưu UBND TP. Hưng Yên tổ chức Hội nghị.');
  });

  it('proposes each duty once when a paragraph is repeated', () => {
    const line = '- Chủ trì triển khai thực hiện Kế hoạch.';
    expect(extract(['IV. TỔ CHỨC THỰC HIỆN', '1. Văn phòng Sở', line, line])).toHaveLength(1);
  });
});

describe('extractProseCandidates: what must not become a candidate', () => {
  it('ignores duties outside "Tổ chức thực hiện": they are the appendix, not prose assignments', () => {
    expect(extract(['III. NHIỆM VỤ', '1. Cải cách thể chế', '- Chủ trì, phối hợp với các cơ quan, đơn vị tham mưu kiện toàn tổ chức bộ máy.'])).toEqual([]);
  });

  it.each([
    ['a legal basis', 'Căn cứ Quyết định số 83/2021/QĐ-UBND ngày 04/11/2021 của Ủy ban nhân dân tỉnh;'],
    ['a lead-in to a list', 'Tham mưu, giúp UBND thành phố thực hiện công tác chỉ đạo, điều hành, cụ thể:'],
    ['an attitude', '- Xác định công tác CCHC là nhiệm vụ thường xuyên của cơ quan, đơn vị.'],
    ['a statement about people', 'Từng đồng chí lãnh đạo Sở chịu trách nhiệm chỉ đạo về tiến độ, chất lượng công việc.'],
    ['the appendix pointer', '*(Nhiệm vụ cụ thể theo Phụ lục đính kèm).*'],
    ['the closing plea', 'Trong quá trình triển khai thực hiện nếu có khó khăn, vướng mắc, các đơn vị kịp thời gửi văn bản về Văn phòng Sở.'],
  ])('skips %s', (_what, sentence) => {
    expect(extract(['IV. TỔ CHỨC THỰC HIỆN', '1. Văn phòng Sở', sentence])).toEqual([]);
  });

  it('stops at the closing words and at the recipients list', () => {
    const cs = extract([
      'IV. TỔ CHỨC THỰC HIỆN',
      '1. Văn phòng Sở',
      'Trên đây là Kế hoạch CCHC năm 2024, đề nghị các đơn vị triển khai thực hiện.',
      'Tổng hợp báo cáo UBND tỉnh.',
      'Nơi nhận:',
      '- Sở Nội vụ (báo cáo trước ngày 20/01/2024);',
      '- Lưu: VT.',
    ]);
    expect(cs).toEqual([]);
  });

  it('returns nothing for empty text', () => {
    expect(extractProseCandidates('', Y2024)).toEqual([]);
  });

  it('rejects plan years that cannot be', () => {
    expect(() => extractProseCandidates('x', { planYear: 2025, planEndYear: 2024 })).toThrow(RangeError);
    expect(() => extractProseCandidates('x', { planYear: 2024.5 })).toThrow(RangeError);
  });
});
