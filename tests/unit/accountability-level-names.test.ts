import { describe, expect, it } from 'vitest';
import {
  checkLevelNames,
  readLevelNamesForm,
  rebaseLevelNames,
  type LevelNameRow
} from '../../src/lib/server/accountability/level-names-form';
import { DEFAULT_LEVELS } from '../helpers/accountability-levels';

// Renaming the accountability levels: names checked field by field, the numbers fixed,
// only rows typed in saved (docs/rules/accountability.md "Levels and grounds").

const STORED = DEFAULT_LEVELS;

/** The form as the page shows it, with some names typed over. */
function typed(names: Record<number, string>, stored = STORED): LevelNameRow[] {
  return stored.map((l) => ({ level: String(l.level), was: l.label, label: names[l.level] ?? l.label }));
}

describe('the level names form', () => {
  it('reads the rows in the order posted', () => {
    const form = new FormData();
    for (const [level, name] of [
      ['1', '提醒'],
      ['2', '谈话']
    ]) {
      form.append('level', level);
      form.append('was', `原${name}`);
      form.append('label', name);
    }
    expect(readLevelNamesForm(form)).toEqual([
      { level: '1', was: '原提醒', label: '提醒' },
      { level: '2', was: '原谈话', label: '谈话' }
    ]);
  });

  it('returns the renames of the rows typed in, names trimmed', () => {
    expect(checkLevelNames(typed({ 2: '  诫勉谈话 ', 5: '扣减绩效' }), STORED)).toEqual({
      renames: [{ level: 2, from: '警示谈话', to: '诫勉谈话' }]
    });
    expect(checkLevelNames(typed({}), STORED)).toEqual({ renames: [] });
  });

  it('says in Chinese what is wrong with each name', () => {
    const checked = checkLevelNames(
      typed({ 1: '   ', 3: '很'.repeat(21), 4: '取消\n评优', 6: '警示谈话' }),
      STORED
    );
    expect(checked).toEqual({
      errors: {
        'label.1': '请填写第 1 级的名称',
        'label.3': '名称不超过 20 个字',
        'label.4': '名称不能包含换行、制表符等控制字符',
        'label.6': '与第 2 级重名，各级名称不能相同'
      }
    });
    expect(checkLevelNames(typed({ 3: '很'.repeat(20) }), STORED)).toHaveProperty('renames');
  });

  it('counts full-width and half-width forms as the same name', () => {
    expect(checkLevelNames(typed({ 6: '辞退(开除公职)' }), STORED)).toEqual({
      errors: { 'label.6': '与第 7 级重名，各级名称不能相同' }
    });
  });

  it('marks every typed-in row of a clash, and lets two names be swapped', () => {
    expect(checkLevelNames(typed({ 2: '谈话', 3: '谈话' }), STORED)).toEqual({
      errors: {
        'label.2': '与第 3 级重名，各级名称不能相同',
        'label.3': '与第 2 级重名，各级名称不能相同'
      }
    });
    expect(checkLevelNames(typed({ 5: '调离岗位', 6: '扣减绩效' }), STORED)).toEqual({
      renames: [
        { level: 5, from: '扣减绩效', to: '调离岗位' },
        { level: 6, from: '调离岗位', to: '扣减绩效' }
      ]
    });
  });

  it('refuses a form whose level numbers or order differ from the stored ones', () => {
    const message = { errors: { form: '级别的序号和顺序不能修改，请在下表中重新填写名称后保存' } };
    expect(checkLevelNames(typed({}).reverse(), STORED)).toEqual(message);
    expect(checkLevelNames(typed({}).slice(1), STORED)).toEqual(message);
    expect(checkLevelNames([...typed({}), { level: '8', was: '', label: '新级别' }], STORED)).toEqual(
      message
    );
  });

  it("leaves another administrator's rename alone, and says so when both renamed one level", () => {
    const page = typed({ 2: '诫勉谈话' });
    const meanwhile = STORED.map((l) => (l.level === 1 ? { ...l, label: '提醒谈话' } : l));
    expect(checkLevelNames(page, meanwhile)).toEqual({
      renames: [{ level: 2, from: '警示谈话', to: '诫勉谈话' }]
    });
    const same = STORED.map((l) => (l.level === 2 ? { ...l, label: '约谈' } : l));
    expect(checkLevelNames(page, same)).toEqual({
      errors: { 'label.2': '第 2 级刚被他人改名为「约谈」，请确认名称后再保存' }
    });
  });

  it('shows the form again with what was typed and the stored names as the new base', () => {
    const meanwhile = STORED.map((l) => (l.level === 1 ? { ...l, label: '提醒谈话' } : l));
    const rows = rebaseLevelNames(typed({ 2: ' ', 3: '通报' }).slice(1), meanwhile);
    expect(rows.slice(0, 4)).toEqual([
      { level: '1', was: '提醒谈话', label: '提醒谈话' },
      { level: '2', was: '警示谈话', label: ' ' },
      { level: '3', was: '通报批评', label: '通报' },
      { level: '4', was: '取消评先评优资格', label: '取消评先评优资格' }
    ]);
    expect(rows).toHaveLength(7);
  });
});
