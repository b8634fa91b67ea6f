import { describe, expect, it } from 'vitest';
import { DEPARTMENTS, MATTERS, SECTIONS } from '../../src/lib/server/demo/catalogue';
import { buildReferenceData } from '../../src/lib/server/demo/reference-data';

const promised = MATTERS.filter((m) => m.kind === 'promised');
const unique = (values: string[]) => new Set(values).size === values.length;

describe('the demo catalogue', () => {
  it('has the 22 departments, 6 approval sections and 127 matters of the reform reports', () => {
    expect(DEPARTMENTS).toHaveLength(22);
    expect(SECTIONS).toHaveLength(6);
    expect(MATTERS).toHaveLength(127);
    for (const s of SECTIONS) expect(s.name).toMatch(/审批科$/);
  });

  it('has unique codes and names', () => {
    for (const list of [DEPARTMENTS, SECTIONS, MATTERS]) {
      expect(unique(list.map((x) => x.code))).toBe(true);
      expect(unique(list.map((x) => x.name))).toBe(true);
    }
  });

  it('gives every department and every section matters, and refers only to known ones', () => {
    const departments = new Set(DEPARTMENTS.map((d) => d.code));
    const sections = new Set(SECTIONS.map((s) => s.code));
    for (const m of MATTERS) {
      expect(departments.has(m.departmentCode), m.name).toBe(true);
      expect(sections.has(m.sectionCode), m.name).toBe(true);
    }
    expect(new Set(MATTERS.map((m) => m.departmentCode)).size).toBe(22);
    expect(new Set(MATTERS.map((m) => m.sectionCode)).size).toBe(6);
  });

  it('keeps statutory limits within 1–60 working days and promised limits within them', () => {
    for (const m of MATTERS) {
      expect(m.statutoryDays, m.name).toBeGreaterThanOrEqual(1);
      expect(m.statutoryDays, m.name).toBeLessThanOrEqual(60);
      expect(m.promisedDays, m.name).toBeLessThanOrEqual(m.statutoryDays);
      expect(m.promisedDays, m.name).toBeGreaterThanOrEqual(0);
    }
  });

  it('makes about 20 % of the matters 即办件 with a promised limit of 0', () => {
    const immediate = MATTERS.filter((m) => m.kind === 'immediate');
    expect(immediate.length / MATTERS.length).toBeGreaterThan(0.17);
    expect(immediate.length / MATTERS.length).toBeLessThan(0.23);
    for (const m of immediate) expect(m.promisedDays, m.name).toBe(0);
    for (const m of promised) expect(m.promisedDays, m.name).toBeGreaterThan(0);
  });

  it('promises mostly 30–60 % of the statutory limit', () => {
    const within = promised.filter((m) => {
      const ratio = m.promisedDays / m.statutoryDays;
      return ratio >= 0.3 - 1e-9 && ratio <= 0.6 + 1e-9;
    });
    expect(within.length / promised.length).toBeGreaterThan(0.85);
  });

  it('offers about 86 % of the matters online', () => {
    const online = MATTERS.filter((m) => m.online).length / MATTERS.length;
    expect(online).toBeGreaterThan(0.82);
    expect(online).toBeLessThan(0.9);
  });
});

describe('the demo reference data', () => {
  const ref = buildReferenceData(1);

  it('has one district hall, 14 street centres and about 60 community stations in the region', () => {
    const count = (level: string) => ref.servicePoints.filter((p) => p.level === level).length;
    expect(count('district')).toBe(1);
    expect(count('street')).toBe(14);
    expect(count('community')).toBeGreaterThanOrEqual(55);
    expect(count('community')).toBeLessThanOrEqual(65);
    for (const p of ref.servicePoints) expect(p.region_code).toBe('510107');
    for (const p of ref.servicePoints.filter((x) => x.level === 'street'))
      expect(p.name).toMatch(/街道便民服务中心$/);
    for (const p of ref.servicePoints.filter((x) => x.level === 'community'))
      expect(p.name).toMatch(/社区便民服务站$/);
  });

  it('links every service point to an existing parent of the level above', () => {
    const byId = new Map(ref.servicePoints.map((p) => [p.id, p]));
    for (const p of ref.servicePoints) {
      if (p.level === 'district') expect(p.parent_id).toBeNull();
      else expect(byId.get(p.parent_id!)?.level).toBe(p.level === 'street' ? 'district' : 'street');
    }
  });

  it('has 108 windows at existing service points', () => {
    const points = new Set(ref.servicePoints.map((p) => p.id));
    const sections = new Set(ref.sections.map((s) => s.id));
    expect(ref.windows).toHaveLength(108);
    for (const w of ref.windows) {
      expect(points.has(w.service_point_id)).toBe(true);
      if (w.section_id !== null) expect(sections.has(w.section_id)).toBe(true);
    }
  });

  it('has about 120 staff with a chief representative and a head for each section, and mixed employment', () => {
    expect(ref.staff.length).toBeGreaterThanOrEqual(110);
    expect(ref.staff.length).toBeLessThanOrEqual(130);
    for (const s of ref.sections) {
      const of = (position: string) =>
        ref.staff.filter((x) => x.section_id === s.id && x.position === position);
      expect(of('chief_rep'), s.name).toHaveLength(1);
      expect(of('section_head'), s.name).toHaveLength(1);
      expect(of('reviewer').length, s.name).toBeGreaterThan(0);
    }
    expect(new Set(ref.staff.map((s) => s.employment))).toEqual(
      new Set(['civil_servant', 'public_institution', 'contracted'])
    );
    const windows = new Set(ref.windows.map((w) => w.id));
    for (const s of ref.staff) if (s.window_id !== null) expect(windows.has(s.window_id)).toBe(true);
    expect(unique(ref.staff.map((s) => s.staff_no))).toBe(true);
  });

  it('is the same for the same seed', () => {
    expect(buildReferenceData(1)).toEqual(ref);
    expect(buildReferenceData(2).staff.map((s) => s.name)).not.toEqual(ref.staff.map((s) => s.name));
  });
});
