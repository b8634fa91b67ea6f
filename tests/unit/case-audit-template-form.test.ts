import { describe, expect, it } from 'vitest';
import { checkTemplateForm, readTemplateForm } from '../../src/lib/server/case-audits/template-form';
import { DEFAULT_SCORESHEET } from '../../src/lib/scoresheet';

const rowsOf = (items: readonly { code: string; label: string; points: number }[]) =>
  items.map((i) => ({ code: i.code, label: i.label, points: String(i.points) }));

describe('the scoresheet template form', () => {
  it('reads the repeated fields in order', () => {
    const form = new FormData();
    form.set('name', ' 新表 ');
    for (const [code, label, points] of [
      ['a', '甲', '60'],
      ['b', '乙', '40']
    ]) {
      form.append('code', code);
      form.append('label', label);
      form.append('points', points);
    }
    expect(readTemplateForm(form)).toEqual({
      name: ' 新表 ',
      rows: [
        { code: 'a', label: '甲', points: '60' },
        { code: 'b', label: '乙', points: '40' }
      ]
    });
  });

  it('accepts a valid new version, trimmed, dropping blank rows', () => {
    const rows = rowsOf(DEFAULT_SCORESHEET.slice(0, 8));
    rows.push(
      { code: ' archiving ', label: ' 归档与装订 ', points: ' 10 ' },
      { code: '', label: ' ', points: '' }
    );
    expect(checkTemplateForm({ name: ' 2026 版 ', rows }, DEFAULT_SCORESHEET)).toEqual({
      name: '2026 版',
      items: [...DEFAULT_SCORESHEET.slice(0, 8), { code: 'archiving', label: '归档与装订', points: 10 }]
    });
  });

  it('reports field errors per row, in Chinese', () => {
    const checked = checkTemplateForm({
      name: '',
      rows: [
        { code: 'Acceptance', label: '受理', points: '15' },
        { code: 'fees', label: '', points: '0' },
        { code: 'fees', label: '收费', points: '2.5' },
        { code: 'x', label: '长'.repeat(51), points: 'abc' }
      ]
    });
    expect(checked).toEqual({
      errors: {
        name: '请填写模板名称',
        'code.0': '编码应为小写英文字母开头的字母、数字或下划线（如 acceptance）',
        'label.1': '请填写项目名称',
        'points.1': '分值应为 1 至 100 的整数',
        'code.2': '编码与第 2 行重复',
        'points.2': '分值应为 1 至 100 的整数',
        'label.3': '项目名称不能超过 50 字',
        'points.3': '分值应为 1 至 100 的整数'
      }
    });
  });

  it('requires the points to total 100 (validateTemplate) and at least one item', () => {
    expect(checkTemplateForm({ name: '表', rows: [{ code: 'a', label: '甲', points: '90' }] })).toEqual({
      errors: { _: '评查表各项分值合计应为 100 分，现为 90 分' }
    });
    expect(checkTemplateForm({ name: '表', rows: [{ code: '', label: '', points: '' }] })).toEqual({
      errors: { _: '评查表至少要有一个评查项目' }
    });
  });

  it('refuses a copy identical to the current version, but allows a reorder', () => {
    const same = rowsOf(DEFAULT_SCORESHEET);
    expect(checkTemplateForm({ name: '另一个名称', rows: same }, DEFAULT_SCORESHEET)).toEqual({
      errors: { _: '评查项目与当前版本相同，无需保存新版本' }
    });
    const reordered = [...same.slice(1), same[0]];
    expect('items' in checkTemplateForm({ name: '表', rows: reordered }, DEFAULT_SCORESHEET)).toBe(true);
  });
});
