import { CASE_STATUS_LABELS, COLOUR_LABELS, label } from '../../case-labels';
import { formatDateTime } from '../../format';
import type { maskRow } from './case-list';

// The case list as CSV for Excel: UTF-8 with a byte-order mark (without it Excel on
// Windows reads Chinese as GBK), Chinese headers, masked personal data.

const HEADERS = [
  '办件编号',
  '审批事项',
  '审批科室',
  '状态',
  '申请人',
  '证件号码（脱敏）',
  '联系电话（脱敏）',
  '收件时间',
  '受理时间',
  '办结时间',
  '承诺到期日',
  '法定到期日',
  '预警'
];

function cell(value: string | null | undefined): string {
  const text = value ?? '';
  // A leading = + - @ would make Excel evaluate the cell as a formula.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function casesToCsv(rows: ReturnType<typeof maskRow>[]): string {
  const lines = [HEADERS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.case_no,
        r.matter_name,
        r.section_name,
        label(CASE_STATUS_LABELS, r.status),
        r.applicant_name,
        r.applicant_id_no,
        r.applicant_phone,
        formatDateTime(r.received_at),
        r.accepted_at ? formatDateTime(r.accepted_at) : '',
        r.concluded_at ? formatDateTime(r.concluded_at) : '',
        r.promised_due_on ?? '',
        r.statutory_due_on ?? '',
        r.colour ? label(COLOUR_LABELS, r.colour) : ''
      ]
        .map(cell)
        .join(',')
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
