import { describe, expect, it } from 'vitest';
import type { AppealRow, EventDetail } from '../../src/lib/server/appraisal/appeals.repository';
import { appealRefusal, decisionRefusal } from '../../src/lib/server/appraisal/appeals.service';
import { officialCalendar } from '../../src/lib/server/calendar/working-days';

// Who may appeal and who may decide, without a database (the services check the same).

const calendar = officialCalendar();

const event = (over: Partial<EventDetail> = {}): EventDetail => ({
  id: '7',
  staffId: 3,
  staffNo: 'E003',
  staffName: '员工3',
  windowName: 'W01',
  sectionCode: 'S01',
  sectionName: '市场准入科',
  month: '2025-10-01',
  occurredOn: '2025-10-09',
  ruleCode: 'away_from_window',
  target: 'style',
  points: '-10.0',
  origin: 'manual',
  sourceKind: null,
  sourceRef: null,
  note: null,
  status: 'effective',
  enteredBy: 10,
  enteredByName: '科长',
  enteredAt: new Date('2025-09-26T15:00:00+08:00'),
  retractedAt: null,
  retractedReason: null,
  monthClosed: false,
  ruleSetId: 1,
  ...over
});

describe('appealRefusal', () => {
  it('counts the deadline from the entry across the National Day holiday', () => {
    expect(appealRefusal(event(), calendar, '2025-10-10')).toBeNull();
    expect(appealRefusal(event(), calendar, '2025-10-11')).toBe('申诉期限已过（截至 2025-10-10）');
  });

  it('refuses shares, bonuses, retracted, decided and closed-month events', () => {
    const today = '2025-09-29';
    expect(appealRefusal(event({ ruleCode: 'chief_share' }), calendar, today)).toContain('首席代表');
    expect(appealRefusal(event({ points: '10.0' }), calendar, today)).toBe('加分事件无需申诉');
    expect(appealRefusal(event({ retractedAt: new Date() }), calendar, today)).toContain('已撤回');
    expect(appealRefusal(event({ status: 'appealed' }), calendar, today)).toBe('该事件正在申诉中');
    expect(appealRefusal(event({ status: 'upheld' }), calendar, today)).toContain('已有结论');
    expect(appealRefusal(event({ monthClosed: true }), calendar, today)).toBe('2025-10 已结账，不能再申诉');
  });
});

describe('decisionRefusal', () => {
  const open = { appealedBy: 30, decision: null } as AppealRow;
  const appealed = event({ status: 'appealed' });
  const who = (
    userId: number,
    roles: string[],
    sectionCodes: string[] = [],
    staffNo: string | null = null
  ) => ({
    userId,
    roles,
    sectionCodes,
    staffNo
  });

  it('lets a leader or another head of the section decide', () => {
    expect(decisionRefusal(who(1, ['leader']), appealed, open)).toBeNull();
    expect(decisionRefusal(who(11, ['section_head'], ['S01']), appealed, open)).toBeNull();
  });

  it('refuses the enterer, the appellant, other sections, inspectors and closed months to heads', () => {
    expect(decisionRefusal(who(10, ['section_head'], ['S01']), appealed, open)).toBe(
      '录入该事件的人不能处理其申诉'
    );
    expect(decisionRefusal(who(30, ['leader']), appealed, open)).toBe('申诉人不能处理自己的申诉');
    expect(decisionRefusal(who(31, ['leader'], [], 'E003'), appealed, open)).toBe('申诉人不能处理自己的申诉');
    expect(decisionRefusal(who(12, ['section_head'], ['S02']), appealed, open)).toContain('本科室科长');
    expect(decisionRefusal(who(13, ['inspector']), appealed, open)).toContain('本科室科长');
    expect(
      decisionRefusal(who(11, ['section_head'], ['S01']), { ...appealed, monthClosed: true }, open)
    ).toContain('局领导');
    expect(decisionRefusal(who(1, ['leader']), event(), undefined)).toBe('该事件没有待处理的申诉');
  });
});
