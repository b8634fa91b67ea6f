// Personal data is masked everywhere by default (shared/spec/security.md):
// 510107********1234 and 138****5678.

export function maskIdNumber(value: string | null | undefined): string {
  if (!value) return '';
  if (value.length <= 10) return '*'.repeat(value.length);
  return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
}

export function maskPhone(value: string | null | undefined): string {
  if (!value) return '';
  if (value.length <= 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}
