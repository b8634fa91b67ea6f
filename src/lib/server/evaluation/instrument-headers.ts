import { headerKey, importColumns } from './import/columns';
import type { InstrumentFormErrors, NewInstrumentSet } from './instrument-form';
import type { InstrumentKind } from './instruments';

// Pure: names of items and aspects become the import template's column headers
// (import/columns.ts), so the instrument form checks them as headers too.

/** A name's problem, or null. A leading = + - @ would be guarded as a formula in the template's header. */
export function labelProblem(label: string, max: number): string | null {
  if (label === '') return '请填写名称';
  if ([...label].length > max) return `名称不能超过 ${max} 字`;
  if (/^[=+\-@]/.test(label)) return '名称不能以 = + - @ 开头（表格软件会当作公式）';
  return null;
}

/**
 * The import matches columns by header without spaces and a trailing bracket (columns.ts),
 * so two names alike in that sense, or a name like a fixed column (记录编号…), would make a
 * template whose columns cannot be told apart. Reported on the later row.
 */
export function checkHeaders(
  set: NewInstrumentSet,
  where: Record<InstrumentKind, (field: string) => string | null>,
  errors: InstrumentFormErrors
) {
  const name = (header: string) => header.replace(/（\d+分）$/, '');
  for (const kind of ['facility', 'visit', 'survey'] as const) {
    const groups = new Map<string, { header: string; field: string | null }[]>();
    for (const column of importColumns(kind, { ...set, id: 0 })) {
      const key = headerKey(column.header);
      const field = where[kind](column.field);
      if (field && key === '') errors[field] ??= '名称不能只有括号内的内容';
      groups.set(key, [...(groups.get(key) ?? []), { header: column.header, field }]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      // The later of two editable names is wrong; a name like a fixed column always is.
      const fixed = group.find((c) => c.field === null);
      group.forEach((column, i) => {
        if (column.field === null || (i === 0 && !fixed)) return;
        const other = fixed ?? group[0];
        errors[column.field] ??=
          `与“${name(other.header)}”同名（不计空格和末尾括号），导入时无法区分，请改名`;
      });
    }
  }
}
