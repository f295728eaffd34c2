import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldSameLength } from '../text/fold';
import type { Milestone } from '../timeline/timeline.types';
import { proposeProseCandidates, type ProseTaskCandidate } from './prose-proposals';
import { proseTimelineOf, readEditedTimeline } from './prose-timeline';

/**
 * Measured quality of the prose candidates against the hand-labelled duties of the four prose seeds
 * (test/fixtures/prose-duties/, made by reading the seeds). Matching: a candidate proposed as a task
 * (not marked as an exhortation) matches a labelled duty when one of its sources starts on one of the
 * duty's lines; each duty is matched once, a second candidate for it counts as a false one.
 * - recall: labelled duties matched / labelled duties;
 * - precision: candidates that match a duty / candidates proposed as tasks;
 * - lead: matched duties whose lead is the labelled one (both none, or the same unit name: one name
 *   starts with the other once folded) / matched duties;
 * - timeline: matched duties whose milestones have the labelled shape (kind, cadence, due date; none
 *   when the label has none) / matched duties; also shown for the dated labels alone.
 */

interface GoldDuty {
  lines: number[];
  title: string;
  lead: string | null;
  coordinating: string | null;
  timeline: string | null;
}
interface GoldFile {
  seed: string;
  planYear: number;
  planEndYear?: number;
  duties: GoldDuty[];
}

const FIXTURES = join(__dirname, '../../../../test/fixtures');
const SEEDS = ['000', '001', '002', '004'];
const gold = (seed: string): GoldFile => JSON.parse(readFileSync(join(FIXTURES, 'prose-duties', `${seed}.json`), 'utf8'));
const seedText = (file: string) => readFileSync(join(FIXTURES, 'seeds', file), 'utf8');

const unitKey = (s: string) => foldSameLength(s).replace(/[^a-z0-9\s]/g, ' ').replace(/\s+/g, ' ').trim();
const sameLead = (a: string | null, b: string | null) => {
  if (a === null || b === null) return a === b;
  const x = unitKey(a);
  const y = unitKey(b);
  return x.startsWith(y) || y.startsWith(x);
};
const shape = (ms: readonly Milestone[]) => ms.map((m) => `${m.kind}/${m.recurrence ?? ''}/${m.due ?? ''}`).sort().join(' ');

interface Score {
  seed: string;
  gold: number;
  proposed: number;
  exhortations: number;
  matched: number;
  falseCandidates: string[];
  missed: GoldDuty[];
  leadRight: number;
  leadWrong: string[];
  timelineRight: number;
  timelineWrong: string[];
  datedGold: number;
  datedRight: number;
}

function score(seed: string): Score {
  const g = gold(seed);
  const years = { planYear: g.planYear, planEndYear: g.planEndYear ?? g.planYear };
  const { candidates } = proposeProseCandidates(seedText(g.seed), years);
  const proposed = candidates.filter((c) => !c.exhortation);
  const taken = new Map<GoldDuty, ProseTaskCandidate>();
  const falseCandidates: string[] = [];
  for (const c of proposed) {
    const duty = g.duties.find((d) => !taken.has(d) && c.sources.some((s) => d.lines.includes(s.line)));
    if (duty) taken.set(duty, c);
    else falseCandidates.push(`${c.sources.map((s) => s.line).join(',')}: ${c.title.slice(0, 70)}`);
  }
  const s: Score = {
    seed,
    gold: g.duties.length,
    proposed: proposed.length,
    exhortations: candidates.length - proposed.length,
    matched: taken.size,
    falseCandidates,
    missed: g.duties.filter((d) => !taken.has(d)),
    leadRight: 0,
    leadWrong: [],
    timelineRight: 0,
    timelineWrong: [],
    datedGold: 0,
    datedRight: 0,
  };
  for (const [d, c] of taken) {
    if (sameLead(d.lead, c.leadText)) s.leadRight++;
    else s.leadWrong.push(`${d.lines[0]}: want ${d.lead} got ${c.leadText}`);
    const want = d.timeline === null ? '' : shape(readEditedTimeline(d.timeline, years).milestones);
    const got = shape(c.milestones);
    if (d.timeline !== null) s.datedGold++;
    if (want === got) {
      s.timelineRight++;
      if (d.timeline !== null) s.datedRight++;
    } else s.timelineWrong.push(`${d.lines[0]}: want "${d.timeline}" [${want}] got "${c.timelineText}" [${got}]`);
  }
  return s;
}

const pct = (n: number, d: number) => (d === 0 ? 100 : (100 * n) / d);

describe('prose candidates: measured against the hand-labelled duties of seeds 000, 001, 002, 004', () => {
  const scores = SEEDS.map(score);
  const total = scores.reduce(
    (t, s) => ({
      gold: t.gold + s.gold,
      proposed: t.proposed + s.proposed,
      matched: t.matched + s.matched,
      lead: t.lead + s.leadRight,
      timeline: t.timeline + s.timelineRight,
      datedGold: t.datedGold + s.datedGold,
      datedRight: t.datedRight + s.datedRight,
    }),
    { gold: 0, proposed: 0, matched: 0, lead: 0, timeline: 0, datedGold: 0, datedRight: 0 },
  );
  const figures = {
    recall: pct(total.matched, total.gold),
    precision: pct(total.matched, total.proposed),
    lead: pct(total.lead, total.matched),
    timeline: pct(total.timeline, total.matched),
    datedTimeline: pct(total.datedRight, total.datedGold),
  };

  it('prints the figures per seed and in total', () => {
    const rows = scores.map(
      (s) =>
        `${s.seed}: ${s.gold} duties, ${s.proposed} proposed (+${s.exhortations} exhortations), recall ${pct(s.matched, s.gold).toFixed(1)}%, ` +
        `precision ${pct(s.matched, s.proposed).toFixed(1)}%, lead ${pct(s.leadRight, s.matched).toFixed(1)}%, timeline ${pct(s.timelineRight, s.matched).toFixed(1)}% ` +
        `(dated ${s.datedRight}/${s.datedGold})` +
        (s.missed.length ? `\n  missed: ${s.missed.map((d) => d.lines[0]).join(', ')}` : '') +
        (s.falseCandidates.length ? `\n  false: ${s.falseCandidates.join(' | ')}` : '') +
        (s.leadWrong.length ? `\n  lead: ${s.leadWrong.join(' | ')}` : '') +
        (s.timelineWrong.length ? `\n  timeline: ${s.timelineWrong.join(' | ')}` : ''),
    );
    console.log(
      [
        ...rows,
        `TOTAL: ${total.gold} duties, ${total.proposed} proposed; recall ${figures.recall.toFixed(1)}%, precision ${figures.precision.toFixed(1)}%, ` +
          `lead ${figures.lead.toFixed(1)}%, timeline ${figures.timeline.toFixed(1)}% (dated labels ${total.datedRight}/${total.datedGold} = ${figures.datedTimeline.toFixed(1)}%)`,
      ].join('\n'),
    );
    expect(total.gold).toBe(191);
  });

  it('every labelled timeline is one the reader understands (the label is checkable)', () => {
    for (const seed of SEEDS) {
      const g = gold(seed);
      for (const d of g.duties.filter((x) => x.timeline !== null)) {
        const read = readEditedTimeline(d.timeline!, { planYear: g.planYear, planEndYear: g.planEndYear });
        expect({ seed, line: d.lines[0], warnings: read.warnings.map((w) => w.code), any: read.milestones.length > 0 }).toEqual({
          seed,
          line: d.lines[0],
          warnings: [],
          any: true,
        });
      }
    }
  });

  it('meets the targets: recall ≥ 90 %, precision ≥ 80 %, lead ≥ 90 %, timeline ≥ 90 %', () => {
    expect(figures.recall).toBeGreaterThanOrEqual(90);
    expect(figures.precision).toBeGreaterThanOrEqual(80);
    expect(figures.lead).toBeGreaterThanOrEqual(90);
    expect(figures.timeline).toBeGreaterThanOrEqual(90);
  });

  it('reads the schedules the issue names', () => {
    const y = { planYear: 2024 };
    expect(shape(proseTimelineOf('Hàng năm, tổ chức kiểm tra việc thực hiện công tác CCHC', { planYear: 2022, planEndYear: 2025 })!.milestones)).toBe('recurring/yearly/');
    expect(shape(proseTimelineOf('Định kỳ hằng quý, 6 tháng, năm hoặc đột xuất, tham mưu lãnh đạo Sở báo cáo', y)!.milestones)).toBe(
      'recurring/on-event/ recurring/reporting-calendar/',
    );
    expect(shape(proseTimelineOf('xây dựng và ban hành Kế hoạch kiểm tra (dự kiến quý II, quý III năm 2024). Đưa kết quả', y)!.milestones)).toBe(
      'deadline//2024-06-30 deadline//2024-09-30',
    );
    const event = proseTimelineOf('Thực hiện công bố kết quả (khi có kết quả của cấp có thẩm quyền); làm căn cứ', y)!;
    expect(event.milestones.map((m) => [m.kind, m.trigger])).toEqual([['event', 'khi có kết quả của cấp có thẩm quyền']]);
    expect(proseTimelineOf('cập nhật thông tin đầy đủ, thường xuyên, kịp thời, đảm bảo mức độ thuận tiện', y)).toBeNull();
    expect(shape(proseTimelineOf('gửi về UBND thành phố (qua Phòng Nội vụ) trước ngày 20/01/2024; bố trí kinh phí', y)!.milestones)).toBe('deadline//2024-01-20');
  });
});
