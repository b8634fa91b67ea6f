import { describe, expect, it } from 'vitest';
import { CUT_DIMENSIONS, cutDimensions, cutFromParams, cutToParams } from '../../src/lib/kpis/cuts';
import { checkRange, filterParams } from '../../src/lib/kpis/filter-url';

describe('cutFromParams', () => {
  it('reads every dimension by its name', () => {
    const params = new URLSearchParams(
      'section=S01&department=D2&matter=M-001.2&level=street&service_point=P7&window=W12&staff=100234&channel=online'
    );
    expect(cutFromParams(params)).toEqual({
      section: 'S01',
      department: 'D2',
      matter: 'M-001.2',
      level: 'street',
      service_point: 'P7',
      window: 'W12',
      staff: '100234',
      channel: 'online'
    });
  });

  it('ignores empty, blank and unknown parameters', () => {
    expect(cutFromParams(new URLSearchParams('section=&matter=%20%20&period=this_month&foo=1'))).toEqual({});
  });

  it('trims a value and ignores a malformed one rather than trusting it', () => {
    expect(cutFromParams(new URLSearchParams('section=%20S01%20'))).toEqual({ section: 'S01' });
    expect(cutFromParams(new URLSearchParams("section=S01'--&matter=a b"))).toEqual({});
    expect(cutFromParams(new URLSearchParams(`staff=${'x'.repeat(65)}`))).toEqual({});
  });
});

describe('cutToParams', () => {
  it('writes the dimensions in their fixed order and keeps other parameters', () => {
    const params = cutToParams(
      { channel: 'online', section: 'S01' },
      new URLSearchParams('period=this_month')
    );
    expect(params.toString()).toBe('period=this_month&section=S01&channel=online');
  });

  it('removes dimensions the cut does not set', () => {
    const params = cutToParams({}, new URLSearchParams('section=S01&period=today'));
    expect(params.toString()).toBe('period=today');
  });

  it('round-trips through cutFromParams', () => {
    const cut = { matter: 'M1', staff: '42', level: 'district' };
    expect(cutFromParams(cutToParams(cut))).toEqual(cut);
  });
});

describe('cutDimensions', () => {
  it('lists the dimensions set, in the fixed order', () => {
    expect(cutDimensions({ staff: '1', section: 'S', window: '' })).toEqual(['section', 'staff']);
    expect(CUT_DIMENSIONS[0]).toBe('section');
  });
});

describe('filterParams (the URL FilterBar navigates to)', () => {
  it('carries the preset and the chosen cuts, leaving out 全部 (empty)', () => {
    const params = filterParams({ period: 'last_month', section: 'S01', matter: '', channel: 'online' });
    expect(params.toString()).toBe('period=last_month&section=S01&channel=online');
  });

  it('carries from and to only for a custom period', () => {
    expect(filterParams({ period: 'this_month', from: '2026-11-01', to: '2026-11-25' }).toString()).toBe(
      'period=this_month'
    );
    expect(filterParams({ period: 'custom', from: '2026-10-01', to: '2026-11-25' }).toString()).toBe(
      'period=custom&from=2026-10-01&to=2026-11-25'
    );
  });

  it('drops an unknown preset and unknown fields', () => {
    expect(filterParams({ period: 'forever', q: 'x', page: '3' }).toString()).toBe('');
  });
});

describe('checkRange', () => {
  it('accepts a range of one day or more', () => {
    expect(checkRange('2026-11-25', '2026-11-25')).toBeNull();
    expect(checkRange('2026-01-01', '2026-11-25')).toBeNull();
  });

  it('refuses a start after the end, in Chinese', () => {
    expect(checkRange('2026-11-26', '2026-11-25')).toBe('开始日期不能晚于结束日期');
  });

  it('asks for both dates', () => {
    expect(checkRange('', '2026-11-25')).toBe('请填写开始日期和结束日期');
  });

  it('refuses dates that do not exist', () => {
    expect(checkRange('2026-02-30', '2026-03-01')).toMatch(/日期格式/);
  });

  it('refuses three years or more, like the server', () => {
    expect(checkRange('2024-01-01', '2026-12-31')).toBeNull();
    expect(checkRange('2024-01-01', '2027-01-01')).toMatch(/不能超过3年/);
    // 02-29 + 3 years rolls over to 03-01, exactly as checkPeriod does.
    expect(checkRange('2024-02-29', '2027-02-28')).toBeNull();
    expect(checkRange('2024-02-29', '2027-03-01')).toMatch(/不能超过3年/);
  });
});
