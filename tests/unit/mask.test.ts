import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from '../../src/lib/mask';

describe('masking personal data', () => {
  it('keeps the region prefix and the last four digits of an ID number', () => {
    expect(maskIdNumber('510107199003151234')).toBe('510107********1234');
    expect(maskIdNumber('51010719900315123X')).toBe('510107********123X');
  });

  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks short or odd values completely and empty ones to nothing', () => {
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskIdNumber(null)).toBe('');
    expect(maskPhone('')).toBe('');
  });
});
