import { describe, expect, it } from 'vitest';
import { checkCorrection } from '../../src/lib/server/evaluation/form-fields';
import type { InstrumentSet } from '../../src/lib/server/evaluation/instruments';
import {
  checkFacilityForm,
  checkSurveyForm,
  checkVisitForm,
  type FormContext
} from '../../src/lib/server/evaluation/record-forms';
import { checkRoundForm } from '../../src/lib/server/evaluation/round-form';

// The entry forms, field by field, in Chinese (surveys.md "Entering data").

const SET: InstrumentSet = {
  id: 1,
  label: 't',
  facilityItems: [{ key: 'signage', label: '标识标牌', points: 10 }],
  visitItems: [{ key: 'greeting', label: '主动问候', points: 15 }],
  waiting: { label: '等候时间', points: 20, bands: [] },
  surveyAspects: [{ key: 'attitude', label: '窗口服务态度' }]
};
const CTX: FormContext = {
  set: SET,
  period: { from: '2026-10-01', to: '2026-10-31', today: '2026-10-20' },
  servicePoints: new Map([['P01', 1]]),
  windows: new Map([['W01', 11]])
};

const VISIT = {
  recordNo: 'V-001',
  window: 'W01',
  visitedOn: '2026-10-09',
  visitedTime: '9:30',
  matter: '个体工商户登记',
  item_greeting: '12.5',
  waitingMinutes: '8',
  problems: ''
};

describe('the covert-visit form', () => {
  it('takes a complete visit, normalising the time', () => {
    expect(checkVisitForm(VISIT, CTX)).toEqual({
      input: {
        recordNo: 'V-001',
        windowId: 11,
        visitedOn: '2026-10-09',
        visitedTime: '09:30',
        matter: '个体工商户登记',
        itemScores: { greeting: 12.5 },
        waitingMinutes: 8,
        problems: null
      }
    });
  });
  it('names every wrong field in Chinese', () => {
    const checked = checkVisitForm(
      {
        recordNo: '编号 1',
        window: 'W99',
        visitedOn: '2026-11-02',
        visitedTime: '25:00',
        matter: '',
        item_greeting: '16',
        waitingMinutes: '-1'
      },
      CTX
    );
    expect(checked).toEqual({
      errors: {
        recordNo: '记录编号只能由字母、数字和 . _ - 组成，最多 40 位',
        window: '窗口“W99”不存在，请从列表中选择',
        visitedOn: '暗访日期须在本轮测评期间内（2026-10-01 至 2026-10-31）',
        visitedTime: '暗访时间格式应为 时:分，如 09:30',
        matter: '请填写咨询的事项',
        item_greeting: '“主动问候”的得分须为 0 至 15 之间的数（最多一位小数）',
        waitingMinutes: '等候时间须为 0 至 600 之间的整数分钟'
      }
    });
  });
  it('refuses a date after today even inside the round', () => {
    expect(checkVisitForm({ ...VISIT, visitedOn: '2026-10-25' }, CTX)).toEqual({
      errors: { visitedOn: '暗访日期不能晚于今天' }
    });
  });
});

describe('the facility and questionnaire forms', () => {
  it('requires every checklist item', () => {
    expect(checkFacilityForm({ recordNo: 'F1', servicePoint: 'P01', checkedOn: '2026-10-02' }, CTX)).toEqual({
      errors: { item_signage: '请为“标识标牌”打分（0–10 分）' }
    });
  });
  it('takes a questionnaire without a service point or case number', () => {
    expect(
      checkSurveyForm(
        {
          recordNo: 'Q1',
          servicePoint: '',
          answeredOn: '2026-10-02',
          channel: 'phone',
          overall: '4',
          aspect_attitude: '5'
        },
        CTX
      )
    ).toEqual({
      input: {
        recordNo: 'Q1',
        servicePointId: null,
        answeredOn: '2026-10-02',
        channel: 'phone',
        caseNo: null,
        overall: 4,
        aspects: { attitude: 5 }
      }
    });
  });
  it('asks for the overall level, every aspect and the channel', () => {
    expect(checkSurveyForm({ recordNo: 'Q1', answeredOn: '2026-10-02', overall: '6' }, CTX)).toEqual({
      errors: {
        channel: '请选择调查渠道',
        overall: '请选择“总体满意度”的满意程度',
        aspect_attitude: '请选择“窗口服务态度”的满意程度'
      }
    });
  });
  it('asks a correction for its reason', () => {
    expect(checkCorrection({})).toEqual({ errors: { correctionReason: '请写明更正原因' } });
    expect(checkCorrection({ correctionReason: '窗口选错', voided: 'on' })).toEqual({
      reason: '窗口选错',
      voided: true
    });
  });
});

describe('the new-round form', () => {
  it('defaults the period to the whole month and the weights to 0.2 / 0.3 / 0.5', () => {
    expect(checkRoundForm({ month: '2026-02', firmCode: 'F01' })).toEqual({
      input: {
        month: '2026-02-01',
        periodFrom: '2026-02-01',
        periodTo: '2026-02-28',
        firmCode: 'F01',
        firmName: null,
        weights: { facility: 0.2, visit: 0.3, survey: 0.5 }
      }
    });
  });
  it('refuses weights that do not add up to 1', () => {
    expect(checkRoundForm({ month: '2026-02', firmCode: 'F01', weight_facility: '0.5' })).toEqual({
      errors: { weight_survey: '三项权重之和须为 1（现为 1.3）' }
    });
  });
});
