// The overview's figure cards, grouped as the bureau reports them. Labels are the
// report's own words (shared/spec/kpis.md); formats and directions drive FigureCard.
import type { FigureFormat } from '$lib/format';

export interface CardSpec {
  name: string;
  label: string;
  format: FigureFormat;
  higherIsBetter?: boolean;
  /** A "now" figure ignores the period: no comparison with other periods. */
  now?: boolean;
  note?: string;
}

export interface CardGroup {
  title: string;
  cards: CardSpec[];
}

export const CARD_GROUPS: CardGroup[] = [
  {
    title: '办件量',
    cards: [
      { name: 'received', label: '收件量', format: 'count' },
      { name: 'accepted', label: '受理量', format: 'count' },
      { name: 'concluded', label: '办结量', format: 'count' },
      { name: 'approved', label: '准予许可', format: 'count' },
      { name: 'denied', label: '不予许可', format: 'count', higherIsBetter: false },
      { name: 'rejected', label: '不予受理', format: 'count', higherIsBetter: false },
      { name: 'withdrawn', label: '申请人撤回', format: 'count', higherIsBetter: false }
    ]
  },
  {
    title: '办理时效',
    cards: [
      { name: 'on_time_rate_promised', label: '承诺时限按时办结率', format: 'rate' },
      { name: 'on_time_rate_statutory', label: '法定时限按时办结率', format: 'rate' },
      { name: 'avg_processing_days', label: '平均办理时长', format: 'days', higherIsBetter: false },
      { name: 'time_compression', label: '时限压缩率', format: 'signed_rate', note: '比法定时限节省的比例' },
      { name: 'efficiency_gain', label: '审批效率提升', format: 'signed_rate' },
      { name: 'same_day_rate', label: '即办率', format: 'rate' }
    ]
  },
  {
    title: '当前在办（实时，不受期间影响）',
    cards: [
      { name: 'open_now', label: '在办件', format: 'count', higherIsBetter: false, now: true },
      { name: 'yellow_now', label: '黄灯预警', format: 'count', higherIsBetter: false, now: true },
      { name: 'red_now', label: '红灯预警', format: 'count', higherIsBetter: false, now: true },
      {
        name: 'overdue_open_promised',
        label: '逾期在办（承诺时限）',
        format: 'count',
        higherIsBetter: false,
        now: true
      },
      {
        name: 'overdue_open_statutory',
        label: '超法定时限在办',
        format: 'count',
        higherIsBetter: false,
        now: true
      }
    ]
  },
  {
    title: '便民服务与评价',
    cards: [
      { name: 'online_rate', label: '网上办理率', format: 'rate' },
      { name: 'matters_online_share', label: '可网办事项占比', format: 'rate', now: true },
      { name: 'good_rating_rate', label: '好评率', format: 'rate' },
      { name: 'bad_ratings', label: '差评数', format: 'count', higherIsBetter: false },
      {
        name: 'bad_rating_rectified_rate',
        label: '差评整改率',
        format: 'rate',
        note: '整改通知已验收的差评'
      },
      { name: 'bad_rating_rectified_on_time_rate', label: '差评按期整改率', format: 'rate' },
      { name: 'rating_coverage', label: '主动评价率', format: 'rate' },
      { name: 'complaints', label: '投诉件', format: 'count', higherIsBetter: false }
    ]
  }
];
