import { describe, expect, it } from 'vitest';
import {
  fakeEnterpriseName,
  fakeIdNumber,
  fakePersonName,
  fakePhone,
  fakeUscc,
  idCheckDigit,
  isValidIdNumber,
  isValidUscc,
  usccCheckChar
} from '../../src/lib/server/demo/people';
import { SeededRandom } from '../../src/lib/server/demo/seeded-random';

describe('fake applicants', () => {
  it('computes the GB 11643 check digit of the standard example', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });

  it('computes the GB 32100 check character of a published credit code', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
  });

  it('makes 18-digit ID numbers with a valid check digit, a region prefix and a real birth date', () => {
    const rng = new SeededRandom(1);
    let home = 0;
    for (let i = 0; i < 2000; i++) {
      const id = fakeIdNumber(rng, '510107');
      expect(id).toMatch(/^[1-6]\d{5}(19[5-9]\d|200[0-5])\d{4}\d{3}[\dX]$/);
      expect(isValidIdNumber(id), id).toBe(true);
      const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
      expect(new Date(`${birth}T00:00:00Z`).toISOString().slice(0, 10), id).toBe(birth);
      if (id.startsWith('510107')) home++;
    }
    expect(home / 2000).toBeGreaterThan(0.5);
  });

  it('makes credit codes of enterprises registered in the region', () => {
    const rng = new SeededRandom(2);
    for (let i = 0; i < 500; i++) {
      const code = fakeUscc(rng, '510107');
      expect(code.slice(0, 8)).toBe('91510107');
      expect(isValidUscc(code), code).toBe(true);
    }
  });

  it('makes mainland mobile numbers', () => {
    const rng = new SeededRandom(3);
    for (let i = 0; i < 500; i++) expect(fakePhone(rng)).toMatch(/^1[3-9]\d{9}$/);
  });

  it('makes Chinese names of two or three characters and company names', () => {
    const rng = new SeededRandom(4);
    for (let i = 0; i < 500; i++) {
      expect(fakePersonName(rng)).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(fakeEnterpriseName(rng)).toMatch(/^[\u4e00-\u9fff]+公司$/);
    }
  });
});
