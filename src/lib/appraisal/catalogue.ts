// The thousand-point appraisal's dimensions and default rule catalogue
// (shared/spec/scoring.md). Browser-safe: the pages label with it; the server scores
// with it (src/lib/server/appraisal/). The catalogue is versioned in the database
// (score_rule_sets): these are only the defaults a fresh install starts from.

export const DIMENSIONS = ['attire', 'quality', 'style', 'efficiency', 'ratings'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** Where a rule's points land: one of the five dimensions, or the bonus. */
export type RuleTarget = Dimension | 'bonus';

export const DIMENSION_LABELS: Record<RuleTarget, string> = {
  attire: '着装礼仪',
  quality: '服务质量',
  style: '工作作风',
  efficiency: '办事效率',
  ratings: '服务评价',
  bonus: '加分'
};

/** Each dimension's monthly allowance; the five must sum to 1000. */
export const DEFAULT_DIMENSION_POINTS: Record<Dimension, number> = {
  attire: 150,
  quality: 250,
  style: 200,
  efficiency: 250,
  ratings: 150
};

/** At most this many bonus points count in a month. */
export const DEFAULT_BONUS_CAP = 50;
/** A chief representative loses this share of each deduction of their window's staff. */
export const DEFAULT_CHIEF_SHARE = 0.5;

export type RuleSource = 'automatic' | 'manual' | 'both';

export interface ScoreRule {
  /** Stable code, lowercase snake case; events refer to it. */
  code: string;
  target: RuleTarget;
  /** Signed points per occurrence: negative a deduction, positive a bonus. */
  points: number;
  source: RuleSource;
  label: string;
  /** Most points the rule may give a person in one month (absolute value), if capped. */
  monthlyCap: number | null;
  enabled: boolean;
}

export const DEFAULT_RULES: readonly ScoreRule[] = [
  {
    code: 'late_conclusion',
    target: 'efficiency',
    points: -20,
    source: 'automatic',
    label: '办件超承诺时限办结',
    monthlyCap: null,
    enabled: true
  },
  {
    code: 'red_case',
    target: 'efficiency',
    points: -10,
    source: 'automatic',
    label: '在办件亮红牌',
    monthlyCap: null,
    enabled: true
  },
  {
    code: 'statutory_overdue',
    target: 'efficiency',
    points: -50,
    source: 'automatic',
    label: '办件超法定时限',
    monthlyCap: null,
    enabled: true
  },
  {
    code: 'bad_rating',
    target: 'ratings',
    points: -15,
    source: 'automatic',
    label: '差评（1–2级）',
    monthlyCap: null,
    enabled: true
  },
  {
    code: 'very_good_rating',
    target: 'bonus',
    points: 1,
    source: 'automatic',
    label: '非常满意评价',
    monthlyCap: 20,
    enabled: true
  },
  {
    code: 'substantiated_complaint',
    target: 'style',
    points: -30,
    source: 'automatic',
    label: '投诉属实',
    monthlyCap: null,
    enabled: true
  },
  {
    code: 'audit_defects',
    target: 'quality',
    points: -10,
    source: 'automatic',
    label: '抽查案卷合格但有瑕疵',
    monthlyCap: null,
    enabled: true
  },
  {
    code: 'audit_failed',
    target: 'quality',
    points: -40,
    source: 'automatic',
    label: '抽查案卷不合格',
    monthlyCap: null,
    enabled: true
  },
  {
    code: 'late_or_early_leave',
    target: 'style',
    points: -5,
    source: 'manual',
    label: '迟到早退',
    monthlyCap: null,
    enabled: true
  },
  {
    code: 'away_from_window',
    target: 'style',
    points: -10,
    source: 'manual',
    label: '脱岗',
    monthlyCap: null,
    enabled: true
  },
  {
    code: 'attire_not_standard',
    target: 'attire',
    points: -5,
    source: 'manual',
    label: '着装不规范、未佩戴工牌',
    monthlyCap: null,
    enabled: true
  },
  {
    code: 'impolite',
    target: 'attire',
    points: -10,
    source: 'manual',
    label: '言行不文明',
    monthlyCap: null,
    enabled: true
  },
  {
    code: 'no_one_time_notice',
    target: 'quality',
    points: -20,
    source: 'both',
    label: '未一次性告知',
    monthlyCap: null,
    enabled: true
  },
  {
    code: 'praise',
    target: 'bonus',
    points: 10,
    source: 'manual',
    label: '表扬信、锦旗',
    monthlyCap: null,
    enabled: true
  }
];

/** The chief representative's share of a deduction is an event of its own, under this rule code. */
export const CHIEF_SHARE_RULE = 'chief_share';

export const EVENT_STATUSES = ['effective', 'appealed', 'upheld', 'revoked'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
/** Only these count towards a score. */
export const COUNTING_STATUSES: readonly EventStatus[] = ['effective', 'upheld'];

export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  effective: '有效',
  appealed: '申诉中',
  upheld: '申诉驳回（维持）',
  revoked: '已撤销'
};

export const AWARD_LABELS = {
  star: '五星级服务明星',
  red_flag_window: '红旗窗口',
  chief_rep: '优秀首席代表'
} as const;
export type Award = keyof typeof AWARD_LABELS;

/** Who may enter manual events (section heads: their own section only). */
export const APPRAISAL_ENTRY_ROLES = ['leader', 'section_head'] as const;
/** Who may close a month (shared/spec/security.md: leaders). */
export const APPRAISAL_CLOSE_ROLES = ['leader'] as const;
