import { MAX_LEVEL_NAME, type LevelNameRow } from '../../accountability';
import type { Level } from './ladder';

// The form that renames the accountability levels (administrators; docs/rules/accountability.md
// "Levels and grounds"). Only names change: the level numbers and their order are fixed,
// because records refer to a level by its number and the ladder's "one level up" follows
// the numbers. Pure: the service checks the form against the levels it has locked.

export type { LevelNameRow };

/** Errors by field: `label.<level>` for one row's name, `form` for the whole form. */
export type LevelNameErrors = Partial<Record<string, string>>;

export interface LevelRename {
  level: number;
  from: string;
  to: string;
}

export function readLevelNamesForm(form: Pick<FormData, 'getAll'>): LevelNameRow[] {
  const all = (name: string) => form.getAll(name).map(String);
  const [levels, was, labels] = [all('level'), all('was'), all('label')];
  return levels.map((level, i) => ({ level, was: was[i] ?? '', label: labels[i] ?? '' }));
}

// Names are compared in NFKC so that two that differ only in full-width and half-width
// forms (（ and (, Ａ and A) count as the same: on a page they read the same.
const comparable = (name: string) => name.normalize('NFKC');
const CONTROL_CHARACTER = /\p{Cc}/u;

/** A row counts as typed in when its trimmed name differs from the name the page showed. */
const typedIn = (row: LevelNameRow) => row.label.trim() !== row.was;

function nameError(level: Level, row: LevelNameRow): string | undefined {
  const name = row.label.trim();
  if (name === '') return `请填写第 ${level.level} 级的名称`;
  if ([...name].length > MAX_LEVEL_NAME) return `名称不超过 ${MAX_LEVEL_NAME} 个字`;
  if (CONTROL_CHARACTER.test(name)) return '名称不能包含换行、制表符等控制字符';
  // Someone else renamed this level since the page was loaded; saving would overwrite it.
  if (level.label !== row.was && name !== level.label)
    return `第 ${level.level} 级刚被他人改名为「${level.label}」，请确认名称后再保存`;
  return undefined;
}

/** The renames the form asks for, or the errors; `stored` are the levels in order. */
export function checkLevelNames(
  rows: readonly LevelNameRow[],
  stored: readonly Level[]
): { renames: LevelRename[] } | { errors: LevelNameErrors } {
  const sameLevels =
    rows.length === stored.length && stored.every((l, i) => rows[i].level.trim() === String(l.level));
  if (!sameLevels) return { errors: { form: '级别的序号和顺序不能修改，请在下表中重新填写名称后保存' } };
  const errors: LevelNameErrors = {};
  // The names after the save: typed-in rows take the typed name, the others keep the stored one.
  const after = stored.map((level, i) => {
    const row = rows[i];
    if (!typedIn(row)) return { ...level, typed: false };
    const error = nameError(level, row);
    if (error) errors[`label.${level.level}`] = error;
    return { level: level.level, label: row.label.trim(), typed: true };
  });
  const byName = new Map<string, typeof after>();
  for (const l of after) byName.set(comparable(l.label), [...(byName.get(comparable(l.label)) ?? []), l]);
  for (const same of byName.values()) {
    if (same.length < 2) continue;
    // Marked on the rows typed in: the others are the names they collide with.
    const marked = same.some((l) => l.typed) ? same.filter((l) => l.typed) : same;
    for (const l of marked) {
      const others = same.filter((o) => o !== l).map((o) => `第 ${o.level} 级`);
      errors[`label.${l.level}`] ??= `与${others.join('、')}重名，各级名称不能相同`;
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  const renames = after
    .map((l, i) => ({ level: l.level, from: stored[i].label, to: l.label }))
    .filter((r) => r.from !== r.to);
  return { renames };
}

/**
 * The form shown again after an error: every stored level in order, with what was typed
 * into each kept and `was` moved to the stored name (so that a save after the message about
 * another administrator's rename goes through). Rows not typed in show the stored name.
 */
export function rebaseLevelNames(rows: readonly LevelNameRow[], stored: readonly Level[]): LevelNameRow[] {
  return stored.map((level) => {
    const row = rows.find((r) => r.level.trim() === String(level.level));
    const label = row && typedIn(row) ? row.label : level.label;
    return { level: String(level.level), was: level.label, label };
  });
}
