import { describe, expect, it } from 'vitest';
import { freshnessText, wallDate, wallTime } from '../../src/lib/screen/clock';
import {
  scopeLabel,
  screenGroups,
  screenLights,
  screenRanking,
  urgentCase,
  type FigureMap
} from '../../src/lib/screen/screen-data';

const ratio = (numerator: number, denominator: number) => ({
  value: denominator ? numerator / denominator : null,
  numerator,
  denominator
});

const month: FigureMap = {
  received: { value: 1200 },
  concluded: { value: 1100 },
  on_time_rate_promised: ratio(1078, 1100),
  on_time_rate_statutory: ratio(1100, 1100),
  same_day_rate: ratio(330, 1100),
  good_rating_rate: ratio(19, 20),
  open_now: { value: 300 },
  yellow_now: { value: 12 },
  red_now: { value: 3 },
  overdue_open_statutory: { value: 0 }
};
const today: FigureMap = {
  received: { value: 40 },
  concluded: { value: 0 },
  on_time_rate_promised: ratio(0, 0),
  on_time_rate_statutory: ratio(0, 0)
};

describe('the figures on the big screen', () => {
  it('shows today, the month and the open cases now (实时), in that order', () => {
    const groups = screenGroups(today, month);
    expect(groups.map((g) => [g.title, g.tiles.map((t) => t.label)])).toEqual([
      ['今日', ['收件量', '办结量', '承诺时限按时办结率', '法定时限按时办结率']],
      ['本月', ['收件量', '办结量', '承诺时限按时办结率', '法定时限按时办结率', '即办率', '好评率']],
      ['实时', ['在办件', '黄灯预警', '红灯逾期', '超法定时限在办']]
    ]);
  });

  it('keeps each rate with its numerator and denominator, and null when nothing was concluded', () => {
    const [todayGroup, monthGroup] = screenGroups(today, month);
    expect(monthGroup.tiles[2]).toMatchObject({
      key: 'month.on_time_rate_promised',
      format: 'rate',
      figure: { value: 0.98, numerator: 1078, denominator: 1100 }
    });
    expect(todayGroup.tiles[2].figure).toEqual({ value: null, numerator: 0, denominator: 0 });
  });

  it('colours only the lights that are lit', () => {
    const now = screenGroups(today, month)[2].tiles;
    expect(now.map((t) => t.tone)).toEqual([null, 'yellow', 'red', null]);
  });

  it('shows a figure the overview lacks as missing, not as zero', () => {
    expect(screenGroups({}, {})[0].tiles[0].figure).toEqual({ value: null });
  });

  it('splits the open cases into the three lights', () => {
    expect(screenLights(month)).toEqual({ green: 285, yellow: 12, red: 3 });
    expect(screenLights({})).toEqual({ green: 0, yellow: 0, red: 0 });
  });

  it('ranks at most 12 sections and says how many were left off', () => {
    const rows = Array.from({ length: 15 }, (_, i) => ({ label: `第${i + 1}科`, figure: ratio(i, 20) }));
    const ranking = screenRanking(rows);
    expect(ranking.rows).toHaveLength(12);
    expect(ranking.leftOff).toBe(3);
    expect(screenRanking(rows.slice(0, 4)).leftOff).toBe(0);
  });

  it('shows an urgent case without the handler and with days overdue as a positive number', () => {
    const row = {
      case_no: 'SP2026000042',
      matter_name: '食品经营许可',
      section_name: '市场准入科',
      handler_name: '张三',
      promised_due_on: '2026-11-20',
      remaining_days: -3,
      statutory_over: '1',
      paused: false
    };
    expect(urgentCase(row)).toEqual({
      caseNo: 'SP2026000042',
      matter: '食品经营许可',
      section: '市场准入科',
      promisedDueOn: '2026-11-20',
      daysOverdue: 3,
      statutoryOver: 1,
      paused: false
    });
    expect(JSON.stringify(urgentCase(row))).not.toContain('张三');
    expect(urgentCase({ ...row, statutory_over: -4, remaining_days: null }).statutoryOver).toBe(0);
  });

  it('names the scope: 全局, or the section head’s sections', () => {
    const sections = [
      { code: 'S01', label: '市场准入科' },
      { code: 'S02', label: '社会事务科' }
    ];
    expect(scopeLabel('all', sections)).toBe('全局');
    expect(scopeLabel(['S02'], sections)).toBe('社会事务科');
    expect(scopeLabel([], sections)).toBe('无可见科室');
  });
});

describe('the wall clock', () => {
  it('tells bureau time whatever the machine’s zone', () => {
    const instant = new Date('2026-11-24T16:05:09Z'); // 00:05:09 on the 25th in Shanghai
    expect(wallDate(instant)).toBe('2026年11月25日 星期三');
    expect(wallTime(instant)).toBe('00:05:09');
    expect(wallTime(null)).toBe('—');
  });

  it('dates the last sync only when it was not today', () => {
    const now = new Date('2026-11-25T06:00:00Z');
    expect(freshnessText('2026-11-25T05:59:10Z', now)).toBe('13:59:10');
    expect(freshnessText('2026-11-24T05:59:10Z', now)).toBe('11-24 13:59:10');
    expect(freshnessText(null, now)).toBe('—');
  });
});
