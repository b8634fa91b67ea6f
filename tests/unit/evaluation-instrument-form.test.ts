import { describe, expect, it } from 'vitest';
import {
  describeInstrumentChanges,
  diffList,
  totalPoints
} from '../../src/lib/server/evaluation/instrument-diff';
import {
  checkInstrumentForm,
  formValuesOf,
  readInstrumentForm,
  type InstrumentFormValues
} from '../../src/lib/server/evaluation/instrument-form';
import type { InstrumentSet } from '../../src/lib/server/evaluation/instruments';
import { facilityScore } from '../../src/lib/server/evaluation/scores';

// The instrument-set form (docs/rules/evaluation.md "Instrument versions"), field by field
// in Chinese, and the description of what a version changed.

const NEWEST: InstrumentSet = {
  id: 3,
  label: '默认',
  facilityItems: [
    { key: 'signage', label: '标识标牌清晰规范', points: 10 },
    { key: 'guides', label: '办事指南公开齐全', points: 15 },
    { key: 'cleanliness', label: '环境整洁', points: 15 }
  ],
  visitItems: [
    { key: 'greeting', label: '主动问候', points: 15 },
    { key: 'accuracy', label: '答复准确', points: 30 }
  ],
  waiting: {
    label: '等候时间',
    points: 20,
    bands: [
      { maxMinutes: 10, points: 20 },
      { maxMinutes: 30, points: 10 }
    ]
  },
  surveyAspects: [
    { key: 'guidance', label: '办事指南清晰易懂' },
    { key: 'attitude', label: '窗口服务态度' },
    { key: 'efficiency', label: '办事效率' },
    { key: 'environment', label: '办事环境' },
    { key: 'integrity', label: '廉洁办事' }
  ]
};

const form = (edit: (v: InstrumentFormValues) => void): InstrumentFormValues => {
  const values = structuredClone({ ...formValuesOf(NEWEST), label: '2027 年版' });
  edit(values);
  return values;
};
const errorsOf = (values: InstrumentFormValues) => {
  const checked = checkInstrumentForm(values, NEWEST);
  return 'errors' in checked ? checked.errors : {};
};

describe('instrument-set form', () => {
  it('reads repeated row fields in order and keeps blank cells aligned', () => {
    const data = new FormData();
    for (const [k, v] of [
      ['baseId', '3'],
      ['label', 'x'],
      ['f_key', 'a'],
      ['f_label', 'A'],
      ['f_points', '10'],
      ['f_key', 'b'],
      ['f_label', ''],
      ['f_points', '5'],
      ['w_label', '等候'],
      ['w_points', '20'],
      ['b_max', '10'],
      ['b_points', '20'],
      ['a_key', 'k'],
      ['a_label', 'K']
    ])
      data.append(k, v);
    const values = readInstrumentForm(data);
    expect(values.facility).toEqual([
      { key: 'a', label: 'A', points: '10' },
      { key: 'b', label: '', points: '5' }
    ]);
    expect(values.visit).toEqual([]);
    expect(values.bands).toEqual([{ maxMinutes: '10', points: '20' }]);
    expect(values.aspects).toEqual([{ key: 'k', label: 'K' }]);
  });

  it('accepts an added item, a removed aspect and a relabelled item, keeping the keys', () => {
    const checked = checkInstrumentForm(
      form((v) => {
        v.facility.push({ key: 'wifi', label: '无线网络', points: '7' });
        v.facility[0].label = '标识标牌';
        v.aspects.splice(4, 1);
      }),
      NEWEST
    );
    if (!('set' in checked)) throw new Error(JSON.stringify(checked.errors));
    expect(checked.set.label).toBe('2027 年版');
    expect(checked.set.facilityItems.map((i) => i.key)).toEqual(['signage', 'guides', 'cleanliness', 'wifi']);
    expect(checked.set.facilityItems[0]).toEqual({ key: 'signage', label: '标识标牌', points: 10 });
    expect(checked.set.surveyAspects).toHaveLength(4);
    // Totals need not be 100: 47 points possible, all earned = 100.
    expect(totalPoints(checked.set).facility).toBe(47);
    const all = Object.fromEntries(checked.set.facilityItems.map((i) => [i.key, i.points]));
    expect(facilityScore(checked.set.facilityItems, all)).toBe(100);
  });

  it('drops wholly blank rows (added, not filled in)', () => {
    const checked = checkInstrumentForm(
      form((v) => {
        v.facility.push({ key: ' ', label: '', points: '' });
        v.visit[0].points = '20';
      }),
      NEWEST
    );
    if (!('set' in checked)) throw new Error(JSON.stringify(checked.errors));
    expect(checked.set.facilityItems).toHaveLength(3);
  });

  it('checks keys, labels and points row by row in Chinese', () => {
    const errors = errorsOf(
      form((v) => {
        v.label = ' ';
        v.facility.push({ key: 'Wi-Fi', label: '无线网络', points: '10' });
        v.facility.push({ key: 'guides', label: '', points: '0' });
        v.visit.push({ key: 'extra', label: '额外', points: '2.5' });
      })
    );
    expect(errors).toEqual({
      label: '请填写版本名称（如 2027 年版）',
      'f_key.3': '编码应为小写英文字母开头、以下划线分词的字母或数字（如 wifi、self_service），最多 40 位',
      'f_key.4': '编码与第 2 行重复',
      'f_label.4': '请填写名称',
      'f_points.4': '分值应为 1 至 100 的整数',
      'v_points.2': '分值应为 1 至 100 的整数'
    });
  });

  it('needs at least one checklist and one visit item, and 4 to 10 aspects', () => {
    const errors = errorsOf(
      form((v) => {
        v.facility = [];
        v.visit = [{ key: '', label: '', points: '' }];
        v.aspects.splice(0, 2);
      })
    );
    expect(errors.facility).toBe('至少要有 1 个明察检查项目');
    expect(errors.visit).toBe('至少要有 1 个暗访评分项目');
    expect(errors.survey).toBe('满意度调查须有 4 至 10 个分项问题（现有 3 个）');
    const many = form((v) => {
      for (let i = 0; i < 6; i++) v.aspects.push({ key: `extra_${i}`, label: `问题${i}` });
    });
    expect(errorsOf(many).survey).toBe('满意度调查须有 4 至 10 个分项问题（现有 11 个）');
  });

  it('checks the waiting bands: ascending minutes, points not above full nor rising, first band full', () => {
    const errors = errorsOf(
      form((v) => {
        v.waitingPoints = '25';
        v.bands = [
          { maxMinutes: '10', points: '20' },
          { maxMinutes: '10', points: '26' },
          { maxMinutes: '40', points: '15' },
          { maxMinutes: '700', points: 'x' }
        ];
      })
    );
    expect(errors).toEqual({
      'b_points.0': '等候最短的第一档应得满分 25 分，否则没有记录能得满分',
      'b_max.1': '分钟数须大于上一档的 10 分钟（由短到长排列）',
      'b_points.1': '得分不能超过满分 25 分',
      'b_max.3': '分钟数应为 1 至 600 的整数',
      'b_points.3': '得分应为 0 至 100 的整数'
    });
    expect(
      errorsOf(
        form(
          (v) =>
            (v.bands = [
              { maxMinutes: '10', points: '20' },
              { maxMinutes: '20', points: '25' }
            ])
        )
      )
    ).toEqual({
      'b_points.1': '得分不能超过满分 20 分'
    });
    expect(
      errorsOf(
        form(
          (v) =>
            (v.bands = [
              { maxMinutes: '10', points: '20' },
              { maxMinutes: '20', points: '15' },
              { maxMinutes: '30', points: '18' }
            ])
        )
      )
    ).toEqual({
      'b_points.2': '等候更久不能得分更多（上一档 15 分）'
    });
    expect(errorsOf(form((v) => (v.bands = [])))).toEqual({ bands: '至少要有一档等候时间' });
  });

  it('refuses names the import could not tell apart', () => {
    const errors = errorsOf(
      form((v) => {
        v.facility[2].label = '办事指南 公开齐全';
        v.facility.push({ key: 'remarks', label: '备注', points: '5' });
        v.visit[0].label = '等候时间';
        v.aspects[3].label = '办事效率（大厅）';
        v.aspects.push({ key: 'overall2', label: '总体满意度' });
        v.visit[1].label = '=答复准确';
        v.aspects[0].label = '（办事指南）';
      })
    );
    expect(errors).toEqual({
      'f_label.2': '与“办事指南公开齐全”同名（不计空格和末尾括号），导入时无法区分，请改名',
      'f_label.3': '与“备注”同名（不计空格和末尾括号），导入时无法区分，请改名',
      'v_label.1': '名称不能以 = + - @ 开头（表格软件会当作公式）',
      'a_label.0': '名称不能只有括号内的内容',
      'a_label.3': '与“办事效率”同名（不计空格和末尾括号），导入时无法区分，请改名',
      'a_label.5': '与“总体满意度”同名（不计空格和末尾括号），导入时无法区分，请改名',
      // Both editable: the later column (the waiting time's) is the one to rename.
      w_label: '与“等候时间”同名（不计空格和末尾括号），导入时无法区分，请改名'
    });
  });

  it('refuses a set identical to the newest (a new version label alone is no change)', () => {
    expect(errorsOf(form(() => {}))).toEqual({
      _: '检查项目、暗访项目、等候时间和满意度分项都与最新版本相同，无需保存新版本'
    });
  });
});

describe('what a version changed', () => {
  it('matches items by key: added, removed, relabelled, points changed, reordered', () => {
    const after = structuredClone(NEWEST);
    after.facilityItems = [
      { key: 'guides', label: '办事指南公开', points: 15 },
      { key: 'signage', label: '标识标牌清晰规范', points: 12 },
      { key: 'wifi', label: '无线网络', points: 10 }
    ];
    after.surveyAspects.splice(4, 1);
    after.waiting = { ...after.waiting, bands: [{ maxMinutes: 15, points: 20 }] };
    expect(diffList(NEWEST.facilityItems, after.facilityItems)).toEqual({
      added: ['无线网络'],
      removed: ['环境整洁'],
      relabelled: [{ from: '办事指南公开齐全', to: '办事指南公开' }],
      repointed: [{ label: '标识标牌清晰规范', from: 10, to: 12 }],
      reordered: true
    });
    expect(describeInstrumentChanges(NEWEST, after)).toEqual([
      '明察：新增 “无线网络”',
      '明察：删除 “环境整洁”',
      '明察：“办事指南公开齐全”改名为“办事指南公开”',
      '明察：“标识标牌清晰规范”分值 10 → 12',
      '明察：调整了顺序',
      '暗访：等候时间分档改为 ≤15分钟 20分（原为 ≤10分钟 20分，≤30分钟 10分）',
      '满意度：删除 “廉洁办事”'
    ]);
    expect(describeInstrumentChanges(NEWEST, NEWEST)).toEqual([]);
  });

  it('a removal alone is not a reordering', () => {
    const after = NEWEST.visitItems.slice(1);
    expect(diffList(NEWEST.visitItems, after).reordered).toBe(false);
  });
});
