import { describe, expect, it } from 'vitest';
import { addMonths, monthLabel, monthsEndingAt } from '../../src/lib/appraisal/months';
import { correctionsAfterClosing } from '../../src/lib/server/appraisal/corrections';
import {
  assembleMonthResults,
  type ResultsInput,
  type ScoredPerson
} from '../../src/lib/server/appraisal/month-results';
import { rankingExport } from '../../src/lib/server/appraisal/results-export';
import { mayViewPerson, scopeResults } from '../../src/lib/server/appraisal/results-scope';
import { defaultRuleSet, type ScoreEventInput } from '../../src/lib/server/appraisal/score-types';

// Assembling a month's results from people and events (pure), its scoping, and the
// corrections shown after a month closed.

const person = (id: number, section: string, windowId: number, chief = false): ScoredPerson => ({
  staffId: id,
  staffNo: `E${String(id).padStart(3, '0')}`,
  name: `员工${id}`,
  position: chief ? 'chief_rep' : 'window',
  sectionCode: section,
  sectionName: `${section}科`,
  windowId,
  windowCode: `W0${windowId}`,
  windowName: `${windowId} 号窗口`
});

let nextId = 1;
const event = (staffId: number, ruleCode: string, target: ScoreEventInput['target'], points: number) => ({
  id: nextId++,
  staffId,
  month: '2025-10',
  ruleCode,
  target,
  points,
  status: 'effective' as const
});

const people = [person(1, 'S01', 1), person(2, 'S01', 1, true), person(3, 'S01', 1), person(6, 'S02', 3)];
const input: ResultsInput = {
  month: '2025-10',
  ruleSet: defaultRuleSet(7),
  people: [...people, person(7, 'S02', 3)],
  windows: [
    { windowId: 1, code: 'W01', name: '1 号窗口', sectionCode: 'S01' },
    { windowId: 3, code: 'W03', name: '3 号窗口', sectionCode: 'S02' }
  ],
  events: [
    event(1, 'substantiated_complaint', 'style', -30),
    event(1, 'bad_rating', 'ratings', -15),
    event(1, 'very_good_rating', 'bonus', 1),
    event(2, 'chief_share', 'style', -15),
    event(3, 'bad_rating', 'ratings', -15),
    event(6, 'praise', 'bonus', 10),
    event(7, 'away_from_window', 'style', -10),
    { ...event(3, 'impolite', 'attire', -10), status: 'appealed' as const },
    event(99, 'bad_rating', 'ratings', -15) // not scored
  ],
  now: new Date('2025-11-07T02:00:00Z')
};

describe('assembling a month', () => {
  const r = assembleMonthResults(input);

  it('scores everyone scored from 1000, ranks bureau-wide and by section', () => {
    expect(r.staff.map((p) => [p.staffId, p.total, p.bureauRank, p.sectionRank])).toEqual([
      [6, 1010, 1, 1],
      [7, 990, 2, 2],
      [2, 985, 3, 1], // tied: listed by staff number
      [3, 985, 3, 1],
      [1, 956, 5, 3]
    ]);
    expect(r.unscoredEvents).toBe(1);
    expect(r.bureauMean).toBe((1010 + 990 + 985 + 985 + 956) / 5);
    expect(r.sections).toEqual([
      { code: 'S01', name: 'S01科', staffIds: [2, 3, 1] },
      { code: 'S02', name: 'S02科', staffIds: [6, 7] }
    ]);
  });

  it('keeps each event with its explanation and status', () => {
    const three = r.staff.find((p) => p.staffId === 3)!;
    expect(three.events.map((e) => [e.ruleCode, e.status, e.outcome])).toEqual([
      ['bad_rating', 'effective', 'counted'],
      ['impolite', 'appealed', 'not_counted']
    ]);
    expect(three.dimensions.ratings).toMatchObject({ allowance: 150, deducted: 15, score: 135 });
  });

  it('gives the window means and the three awards with the reasons of the misses', () => {
    expect(r.windows.map((w) => [w.code, w.staffCount, w.mean, w.rank])).toEqual([
      ['W03', 2, 1000, 1],
      ['W01', 3, (956 + 985 + 985) / 3, 2]
    ]);
    expect(r.awards.star.winners).toEqual([6]);
    expect(r.awards.star.limitRank).toBe(1);
    const one = r.awards.star.misses.find((m) => m.staffId === 1)!;
    expect(one.reasons.map((x) => x.code)).toEqual(['not_top_share', 'substantiated_complaint']);
    expect(r.awards.redFlagWindows.winners).toEqual([3, 1]);
    expect(r.awards.chiefRep.winners).toEqual([2]);
  });

  it('is plain JSON: the snapshot reads back equal', () => {
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('scopes to a section head’s sections, awards included', () => {
    const s = scopeResults(r, ['S02']);
    expect(s.staff.map((p) => p.staffId)).toEqual([6, 7]);
    expect(s.windows.map((w) => w.code)).toEqual(['W03']);
    expect(s.awards.chiefRep.winners).toEqual([]);
    expect(s.awards.star.misses.map((m) => m.staffId)).toEqual([7]);
    expect(s.staff[1].bureauRank).toBe(2); // bureau ranks kept
    expect(scopeResults(r, []).staff).toEqual([]);
    expect(scopeResults(r, 'all')).toBe(r);
  });
});

describe('the ranking export', () => {
  it('has the page’s columns and rows, and says whether the month is closed', () => {
    const r = scopeResults(assembleMonthResults(input), ['S02']);
    const table = rankingExport(r, { closed: false, closedAt: null, scopeNote: '本人负责科室（S02）' });
    expect(table.columns.map((c) => c.header)).toEqual([
      '全局排名',
      '科室排名',
      '工号',
      '姓名',
      '科室',
      '窗口',
      '着装礼仪',
      '服务质量',
      '工作作风',
      '办事效率',
      '服务评价',
      '加分',
      '总分'
    ]);
    expect(table.rows.map((row) => [row.staffNo, row.bureauRank, row.bonus, row.total])).toEqual([
      ['E006', 1, 10, 1010],
      ['E007', 2, 0, 990]
    ]);
    expect(table.notes?.[0]).toMatch(/^未结账/);
    expect(table.notes).toContain('数据范围：本人负责科室（S02）');
  });
});

describe('who may open a person', () => {
  const target = { staffNo: 'E001', sectionCodes: ['S01'] };
  it('lets leaders and inspectors, the section’s head and the person themselves', () => {
    expect(mayViewPerson({ roles: ['inspector'], sectionCodes: [], staffNo: null }, target)).toBe(true);
    expect(mayViewPerson({ roles: ['section_head'], sectionCodes: ['S01'], staffNo: null }, target)).toBe(
      true
    );
    expect(mayViewPerson({ roles: ['section_head'], sectionCodes: ['S02'], staffNo: null }, target)).toBe(
      false
    );
    expect(mayViewPerson({ roles: ['staff'], sectionCodes: [], staffNo: 'E001' }, target)).toBe(true);
    expect(mayViewPerson({ roles: ['staff'], sectionCodes: [], staffNo: 'E002' }, target)).toBe(false);
    expect(mayViewPerson({ roles: ['staff'], sectionCodes: [], staffNo: null }, target)).toBe(false);
  });
});

describe('corrections after closing', () => {
  const r = assembleMonthResults(input);
  it('scores the later events with the frozen ones and gives the effect, frozen totals untouched', () => {
    const later = [
      { ...event(1, 'praise', 'bonus', 10) },
      { ...event(6, 'praise', 'bonus', 10) }, // 10 + 10 = 20: within the cap of 50
      { ...event(6, 'praise', 'bonus', 40) } // 60 → capped at 50
    ];
    const frozenEvents = input.events.filter((e) => e.staffId !== 99);
    const out = correctionsAfterClosing(r, [...frozenEvents, ...later], input.ruleSet);
    expect(out.map((c) => [c.staffId, c.frozenTotal, c.correctedTotal, c.effect])).toEqual([
      [6, 1010, 1050, 40],
      [1, 956, 966, 10]
    ]);
    const six = out[0];
    expect(six.events.map((e) => [e.countedPoints, e.outcome])).toEqual([
      [10, 'counted'],
      [30, 'partly_counted']
    ]);
    expect(r.staff.find((p) => p.staffId === 6)!.total).toBe(1010);
  });

  it('refuses a rule set other than the one the month closed with', () => {
    expect(() => correctionsAfterClosing(r, [], defaultRuleSet(8))).toThrow(RangeError);
  });
});

describe('month labels', () => {
  it('names months in Chinese and steps across years', () => {
    expect(monthLabel('2025-09')).toBe('2025年9月');
    expect(addMonths('2026-01', 1)).toBe('2025-12');
    expect(addMonths('2025-12', -1)).toBe('2026-01');
    expect(monthsEndingAt('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });
});
