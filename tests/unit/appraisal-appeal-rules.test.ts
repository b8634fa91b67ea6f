import { describe, expect, it } from 'vitest';
import {
  checkEventForm,
  checkEvidenceFiles,
  checkReason,
  formatEventPoints,
  groupByWindow,
  isDate,
  manualRules,
  sniffEvidenceType,
  type EventFormValues
} from '../../src/lib/appraisal/appeal-rules';
import { CHIEF_SHARE_RULE, DEFAULT_RULES } from '../../src/lib/appraisal/catalogue';

const TODAY = '2025-10-10';
const values = (over: Partial<EventFormValues> = {}): EventFormValues => ({
  staffId: '3',
  ruleCode: 'away_from_window',
  occurredOn: '2025-10-09',
  note: '',
  correction: '',
  ...over
});

describe('manualRules', () => {
  it('offers the enabled manual and both rules, never automatic ones or the chief share', () => {
    const rules = [
      ...DEFAULT_RULES.map((r) => (r.code === 'impolite' ? { ...r, enabled: false } : r)),
      { ...DEFAULT_RULES[0], code: CHIEF_SHARE_RULE, source: 'manual' as const }
    ];
    expect(manualRules(rules).map((r) => r.code)).toEqual([
      'late_or_early_leave',
      'away_from_window',
      'attire_not_standard',
      'no_one_time_notice',
      'praise'
    ]);
  });
});

describe('checkEventForm', () => {
  it('reads a valid form, trimming the note and dropping an empty one', () => {
    expect(checkEventForm(values({ note: '  巡查时不在岗 ' }), TODAY)).toEqual({
      input: {
        staffId: 3,
        ruleCode: 'away_from_window',
        occurredOn: '2025-10-09',
        note: '巡查时不在岗',
        correction: false
      }
    });
    expect(checkEventForm(values(), TODAY)).toMatchObject({ input: { note: null } });
  });

  it('says in Chinese what is wrong with each field', () => {
    expect(
      checkEventForm(values({ staffId: '', ruleCode: 'DROP TABLE', occurredOn: '2025-02-30' }), TODAY)
    ).toEqual({
      errors: {
        staffId: '请选择被考核人员',
        ruleCode: '请选择考核规则',
        occurredOn: '请填写发生日期（年-月-日）'
      }
    });
    expect(checkEventForm(values({ occurredOn: '2025-10-11' }), TODAY)).toEqual({
      errors: { occurredOn: '发生日期不能晚于今天' }
    });
    expect(checkEventForm(values({ note: '字'.repeat(1001) }), TODAY)).toEqual({
      errors: { note: '说明不超过 1000 字' }
    });
  });

  it('requires the reason of a correction', () => {
    expect(checkEventForm(values({ correction: 'on' }), TODAY)).toEqual({
      errors: { note: '结账后更正须写明更正原因' }
    });
    expect(checkEventForm(values({ correction: 'on', note: '漏录' }), TODAY)).toMatchObject({
      input: { correction: true, note: '漏录' }
    });
  });
});

describe('small checks', () => {
  it('isDate accepts real dates only', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2025-02-29')).toBe(false);
    expect(isDate('2025-1-01')).toBe(false);
  });

  it('checkReason wants 1–2000 characters', () => {
    expect(checkReason('  ', '申诉理由')).toBe('请填写申诉理由');
    expect(checkReason('x'.repeat(2001), '申诉理由')).toBe('申诉理由不超过 2000 字');
    expect(checkReason('有录像为证', '申诉理由')).toBeNull();
  });

  it('formatEventPoints signs with a true minus and keeps half points', () => {
    expect(['-10.0', '-7.5', '10', 0, 1].map(formatEventPoints)).toEqual(['−10', '−7.5', '+10', '0', '+1']);
  });

  it('groupByWindow keeps the order and puts people without a window last', () => {
    const p = (id: number, windowId: number | null) => ({
      id,
      windowId,
      windowCode: windowId ? `W0${windowId}` : null,
      windowName: windowId ? `窗口${windowId}` : null
    });
    const groups = groupByWindow([p(1, null), p(2, 2), p(3, 1), p(4, 2)]);
    expect(groups.map((g) => [g.label, g.people.map((x) => x.id)])).toEqual([
      ['窗口2（W02）', [2, 4]],
      ['窗口1（W01）', [3]],
      ['未分配窗口', [1]]
    ]);
  });
});

describe('evidence files', () => {
  const bytes = (...b: (number | string)[]) =>
    new Uint8Array(b.flatMap((x) => (typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0)) : [x])));

  it('tells images and PDF by their first bytes, whatever the name says', () => {
    expect(sniffEvidenceType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffEvidenceType(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(sniffEvidenceType(bytes('GIF89a'))).toBe('image/gif');
    expect(sniffEvidenceType(bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffEvidenceType(bytes('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffEvidenceType(bytes(0, 0, 0, 0x18, 'ftypheic'))).toBe('image/heic');
    expect(sniffEvidenceType(bytes('<html><script>'))).toBeNull();
    expect(sniffEvidenceType(bytes('MZ'))).toBeNull();
  });

  it('allows at most 3 files and 5 MB together', () => {
    const mb = 1024 * 1024;
    expect(checkEvidenceFiles([{ name: 'a.jpg', size: 5 * mb }])).toBeNull();
    expect(
      checkEvidenceFiles([
        { name: 'a.jpg', size: 3 * mb },
        { name: 'b.jpg', size: 2 * mb + 1 }
      ])
    ).toBe('佐证材料合计不能超过 5 MB');
    expect(checkEvidenceFiles(Array.from({ length: 4 }, () => ({ name: 'a.png', size: 1 })))).toBe(
      '佐证材料最多 3 个文件'
    );
  });
});
