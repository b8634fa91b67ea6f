import type { FormValues } from '../form-fields';
import { INSTRUMENT_LABELS, type InstrumentKind } from '../instruments';
import { checkFacilityForm, checkSurveyForm, checkVisitForm, type FormContext } from '../record-forms';
import { formValue, headerKey, importColumns, NOT_APPLICABLE, type ImportColumn } from './columns';
import { contentOf, identityOf, type RecordInput, type StoredIdentities } from './identity';
import { columnLetters, type Sheet, type SheetRow } from './sheet';

// Every row of an import checked by the entry forms' own rules (record-forms.ts), with the
// errors by row (as the spreadsheet numbers it) and column (the template's header). A file
// whose header cannot be matched, or that was cut off, is refused as a whole. Pure.

export interface ImportIssue {
  row: number;
  column: string;
  message: string;
}

export interface ValidRow {
  row: number;
  input: RecordInput;
  /** The cells as written in the file, by field: what the preview shows. */
  values: FormValues;
}

export type Validation =
  | { ok: false; error: string }
  | {
      ok: true;
      columns: ImportColumn[];
      /** Data rows (blank rows left out). */
      total: number;
      /** Rows to store. */
      valid: ValidRow[];
      /** Rows identical to a record already stored: imported before. */
      skipped: number;
      errorRows: number;
      issues: ImportIssue[];
    };

export const DUPLICATE_STORED = '已存在同编号记录，如需修改请使用更正';
const HEADER_SCAN = 40;

function check(kind: InstrumentKind, values: FormValues, ctx: FormContext) {
  if (kind === 'facility') return checkFacilityForm(values, ctx);
  if (kind === 'visit') return checkVisitForm(values, ctx);
  return checkSurveyForm(values, ctx);
}

/** Which cell index holds which column; rows above the header (a template's title and notes) are skipped. */
function mapHeader(kind: InstrumentKind, sheet: Sheet, columns: ImportColumn[]) {
  const at = sheet.rows
    .slice(0, HEADER_SCAN)
    .findIndex((r) => r.cells.some((c) => headerKey(c) === '记录编号'));
  if (at < 0)
    return {
      error: `未找到表头行：第一行应为${INSTRUMENT_LABELS[kind]}导入模板的列名（含“记录编号”），请使用下载的模板`
    };
  const header = sheet.rows[at];
  const byKey = new Map(columns.flatMap((c) => [[headerKey(c.header), c] as const]));
  const slots: (ImportColumn | null)[] = [];
  const seen = new Set<string>();
  for (const [i, text] of header.cells.entries()) {
    if (text.trim() === '') {
      slots.push(null);
      continue;
    }
    const column = byKey.get(headerKey(text));
    const where = `第 ${header.row} 行 ${columnLetters(i)} 列`;
    if (!column)
      return {
        error: `${where}“${text.trim()}”不是${INSTRUMENT_LABELS[kind]}导入模板中的列，请使用本轮的导入模板`
      };
    if (seen.has(column.field)) return { error: `${where}“${text.trim()}”重复出现` };
    seen.add(column.field);
    slots.push(column);
  }
  const missing = columns.filter((c) => !c.optional && !seen.has(c.field)).map((c) => `“${c.header}”`);
  if (missing.length) return { error: `缺少列：${missing.join('、')}。请使用本轮的导入模板` };
  return { headerAt: at, slots };
}

export function validateSheet(
  kind: InstrumentKind,
  sheet: Sheet,
  ctx: FormContext,
  stored: StoredIdentities
): Validation {
  const columns = importColumns(kind, ctx.set);
  const mapped = mapHeader(kind, sheet, columns);
  if ('error' in mapped) return { ok: false, error: mapped.error ?? '' };
  const { slots } = mapped;
  const width = slots.length;
  const dataRows = sheet.rows.slice(mapped.headerAt + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const last = dataRows.at(-1);
  if (last && sheet.endsMidRow && last.cells.length < width)
    return {
      ok: false,
      error: `文件在第 ${last.row} 行中途结束（只有 ${last.cells.length} 列，应有 ${width} 列）：文件不完整（被截断），请重新导出后再上传`
    };

  const issues: ImportIssue[] = [];
  const valid: ValidRow[] = [];
  const firstRowOf = new Map<string, number>();
  let skipped = 0;
  let errorRows = 0;
  const headerOf = (field: string) => columns.find((c) => c.field === field)?.header ?? field;
  const unitHeader = headerOf(kind === 'visit' ? 'window' : 'servicePoint');

  for (const row of dataRows) {
    const rowIssues = checkRow(kind, row, slots, ctx, headerOf, sheet.encoding !== 'XLSX');
    if ('issues' in rowIssues) {
      issues.push(...rowIssues.issues);
      errorRows += 1;
      continue;
    }
    const { input, values } = rowIssues;
    const identity = identityOf(kind, input);
    const first = firstRowOf.get(identity);
    const storedContents = stored.get(identity);
    let message: string | null = null;
    if (first !== undefined)
      message = `与第 ${first} 行的记录编号相同（同一${unitHeader.replace('编码', '')}），同一记录只能出现一次`;
    else if (storedContents && !storedContents.has(contentOf(input))) message = DUPLICATE_STORED;
    if (first === undefined) firstRowOf.set(identity, row.row);
    if (message) {
      issues.push({ row: row.row, column: '记录编号', message });
      errorRows += 1;
    } else if (storedContents) skipped += 1;
    else valid.push({ row: row.row, input, values });
  }
  return { ok: true, columns, total: dataRows.length, valid, skipped, errorRows, issues };
}

function checkRow(
  kind: InstrumentKind,
  row: SheetRow,
  slots: (ImportColumn | null)[],
  ctx: FormContext,
  headerOf: (field: string) => string,
  csv: boolean
): { input: RecordInput; values: FormValues } | { issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const at = (column: string, message: string) => issues.push({ row: row.row, column, message });
  const width = slots.length;
  // Cells not to check again: formulas, and the columns a short CSV row lacks.
  const reported = new Set<string>();
  // An XLSX row leaves out empty trailing cells; a CSV row with fewer cells is short.
  if (csv && row.cells.length < width) {
    const lacking = slots.slice(row.cells.length).filter((s) => s !== null);
    if (lacking.length) {
      const first = lacking[0].header;
      at(first, `本行只有 ${row.cells.length} 列，表头有 ${width} 列：缺少“${first}”及之后的列`);
      for (const s of lacking) reported.add(s.field);
    }
  }
  for (let i = width; i < row.cells.length; i++)
    if (row.cells[i].trim() !== '')
      at(`${columnLetters(i)} 列（无表头）`, '此列没有表头，内容无法识别；请删除或移入模板中的列');
  for (const i of row.formulas ?? []) {
    const column = slots[i];
    const name = column?.header ?? `${columnLetters(i)} 列（无表头）`;
    if (column) reported.add(column.field);
    at(
      name,
      `单元格 ${columnLetters(i)}${row.row} 是公式（${row.cells[i].slice(0, 40)}），导入只接受数值或文字，请改为直接填写结果`
    );
  }

  const values: FormValues = {};
  const written: FormValues = {};
  const notApplicable: string[] = [];
  slots.forEach((column, i) => {
    if (!column || reported.has(column.field)) return;
    written[column.field] = (row.cells[i] ?? '').trim();
    let value = formValue(column.field, row.cells[i] ?? '');
    if (kind === 'facility' && column.field.startsWith('item_') && value === NOT_APPLICABLE) {
      notApplicable.push(column.field.slice('item_'.length));
      value = '0'; // checked as a valid score, stored as null
    }
    values[column.field] = value;
  });
  const checked = check(kind, values, ctx);
  if ('errors' in checked)
    for (const [field, message] of Object.entries(checked.errors))
      if (!reported.has(field)) at(headerOf(field), message);
  if (issues.length) {
    const order = new Map(slots.map((s, i) => [s?.header ?? '', i]));
    issues.sort((a, b) => (order.get(a.column) ?? 999) - (order.get(b.column) ?? 999));
    return { issues };
  }
  const input = (checked as { input: RecordInput }).input;
  if (kind === 'facility')
    for (const key of notApplicable) (input as { earned: Record<string, number | null> }).earned[key] = null;
  return { input, values: written };
}
