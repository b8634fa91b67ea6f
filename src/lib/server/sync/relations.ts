import {
  CASE_EVENT_KINDS,
  SOURCE_RELATIONS,
  SPECIAL_PROCEDURES,
  type SourceRelation
} from '../source/source-tables';
import { QUARANTINE_REASONS, type QuarantineReason } from './reasons';
import { literal } from './sql-text';

// What the sync knows about each source relation: its columns and their types, the checks
// a row must pass to be copied (anything else is quarantined with the reason), and how the
// large relations get their region_code. The checks are SQL over the staged row `s` and
// the joins below; references resolve against the product's tables, which already hold
// this pass's rows of the relations synced before (SOURCE_RELATIONS is dependency order).

export type ColumnType = 'integer' | 'bigint' | 'text' | 'boolean' | 'timestamptz';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  notNull: boolean;
}

export interface RowCheck {
  reason: QuarantineReason;
  /** SQL boolean: true when the row is bad. */
  bad: string;
  /** SQL text: the Chinese message with the offending value. */
  message: string;
}

export interface RelationSpec {
  relation: SourceRelation;
  /** The contract's columns except updated_at, in contract order. */
  columns: readonly ColumnSpec[];
  /** LEFT JOINs over the staged row `s`, shared by the checks and the region. */
  joins: string;
  checks: readonly RowCheck[];
  /** SQL of the derived region_code (events, ratings, complaints). */
  region?: string;
  /** Whose clock a changed row moves: the case itself, or the event's case. */
  touches?: 'id' | 'case_id';
}

const col = (name: string, type: ColumnType, notNull = true): ColumnSpec => ({ name, type, notNull });
const opt = (name: string, type: ColumnType): ColumnSpec => col(name, type, false);

export const label = (reason: QuarantineReason) => literal(`${QUARANTINE_REASONS[reason]}：`);
const inList = (values: readonly string[]) => values.map(literal).join(', ');

function oneOf(column: string, values: readonly string[], reason: QuarantineReason): RowCheck {
  return {
    reason,
    bad: `s.${column} IS NOT NULL AND s.${column} NOT IN (${inList(values)})`,
    message: `${label(reason)} || s.${column}::text`
  };
}

/** A non-null reference that must name a row of a product table (hashed once per statement). */
export function known(column: string, table: string, reason: QuarantineReason): RowCheck {
  return {
    reason,
    bad: `s.${column} IS NOT NULL AND NOT (s.${column} IN (SELECT id FROM ${table}))`,
    message: `${label(reason)} || s.${column}::text`
  };
}

const regionCode: RowCheck = {
  reason: 'invalid_region_code',
  bad: `s.region_code IS NOT NULL AND s.region_code !~ '^[0-9]{6}$'`,
  message: `${label('invalid_region_code')} || s.region_code`
};

/** The case an event, rating or complaint belongs to, joined as `c`. */
export const caseJoin = 'LEFT JOIN cases c ON c.id = s.case_id';
export const caseKnown: RowCheck = {
  reason: 'unknown_case',
  bad: 's.case_id IS NOT NULL AND c.id IS NULL',
  message: `${label('unknown_case')} || s.case_id::text`
};

// A rating or complaint without a case takes the region of its window's service point,
// else of its staff member's window, else the bureau's own (the district service point).
const feedbackJoins = [
  caseJoin,
  'LEFT JOIN windows w ON w.id = s.window_id',
  'LEFT JOIN service_points wp ON wp.id = w.service_point_id',
  'LEFT JOIN staff st ON st.id = s.staff_id',
  'LEFT JOIN windows sw ON sw.id = st.window_id',
  'LEFT JOIN service_points sp ON sp.id = sw.service_point_id'
].join('\n');
const feedbackRegion =
  'coalesce(c.region_code, wp.region_code, sp.region_code, ' +
  `(SELECT region_code FROM service_points ORDER BY (level = 'district') DESC, id LIMIT 1))`;
export const hasRegion: RowCheck = {
  reason: 'no_region',
  bad: `${feedbackRegion} IS NULL`,
  message: label('no_region') + ` || '无办件、窗口或服务场所可循'`
};

export const RELATION_SPECS: Record<SourceRelation, RelationSpec> = {
  departments: {
    relation: 'departments',
    columns: [col('id', 'integer'), col('code', 'text'), col('name', 'text')],
    joins: '',
    checks: []
  },
  sections: {
    relation: 'sections',
    columns: [col('id', 'integer'), col('code', 'text'), col('name', 'text')],
    joins: '',
    checks: []
  },
  service_points: {
    relation: 'service_points',
    columns: [
      col('id', 'integer'),
      col('code', 'text'),
      col('name', 'text'),
      col('level', 'text'),
      opt('parent_id', 'integer'),
      col('region_code', 'text')
    ],
    joins: '',
    checks: [
      oneOf('level', ['district', 'street', 'community'], 'unknown_service_point_level'),
      regionCode,
      // The parent may arrive in the same batch.
      {
        reason: 'unknown_parent',
        bad:
          's.parent_id IS NOT NULL AND NOT (s.parent_id IN ' +
          '(SELECT id FROM service_points UNION ALL SELECT id FROM pg_temp.sync_stage))',
        message: `${label('unknown_parent')} || s.parent_id::text`
      }
    ]
  },
  windows: {
    relation: 'windows',
    columns: [
      col('id', 'integer'),
      col('code', 'text'),
      col('name', 'text'),
      col('service_point_id', 'integer'),
      opt('section_id', 'integer')
    ],
    joins: '',
    checks: [
      known('service_point_id', 'service_points', 'unknown_service_point'),
      known('section_id', 'sections', 'unknown_section')
    ]
  },
  staff: {
    relation: 'staff',
    columns: [
      col('id', 'integer'),
      col('staff_no', 'text'),
      col('name', 'text'),
      opt('window_id', 'integer'),
      opt('section_id', 'integer'),
      col('position', 'text'),
      col('employment', 'text'),
      col('active', 'boolean')
    ],
    joins: '',
    checks: [
      known('window_id', 'windows', 'unknown_window'),
      known('section_id', 'sections', 'unknown_section'),
      oneOf('position', ['window', 'chief_rep', 'reviewer', 'section_head'], 'unknown_position'),
      oneOf('employment', ['civil_servant', 'public_institution', 'contracted'], 'unknown_employment')
    ]
  },
  matters: {
    relation: 'matters',
    columns: [
      col('id', 'integer'),
      col('code', 'text'),
      col('name', 'text'),
      col('department_id', 'integer'),
      col('section_id', 'integer'),
      col('kind', 'text'),
      col('statutory_days', 'integer'),
      col('promised_days', 'integer'),
      col('online', 'boolean')
    ],
    joins: '',
    checks: [
      known('department_id', 'departments', 'unknown_department'),
      known('section_id', 'sections', 'unknown_section'),
      oneOf('kind', ['immediate', 'promised'], 'unknown_matter_kind'),
      {
        reason: 'negative_days',
        bad: 's.statutory_days < 0 OR s.promised_days < 0',
        message: `${label('negative_days')} || '法定 ' || s.statutory_days || '，承诺 ' || s.promised_days`
      },
      {
        reason: 'promised_exceeds_statutory',
        bad: 's.promised_days > s.statutory_days',
        message: `${label('promised_exceeds_statutory')} || '承诺 ' || s.promised_days || ' > 法定 ' || s.statutory_days`
      }
    ]
  },
  cases: {
    relation: 'cases',
    columns: [
      col('id', 'bigint'),
      col('case_no', 'text'),
      col('region_code', 'text'),
      col('matter_id', 'integer'),
      col('service_point_id', 'integer'),
      opt('window_id', 'integer'),
      col('channel', 'text'),
      col('applicant_kind', 'text'),
      col('applicant_name', 'text'),
      col('applicant_id_no', 'text'),
      col('applicant_phone', 'text'),
      col('received_at', 'timestamptz'),
      opt('accepted_at', 'timestamptz'),
      opt('handler_staff_id', 'integer'),
      col('status', 'text'),
      opt('decision', 'text'),
      opt('concluded_at', 'timestamptz'),
      opt('delivered_at', 'timestamptz')
    ],
    joins: '',
    checks: [
      regionCode,
      known('matter_id', 'matters', 'unknown_matter'),
      known('service_point_id', 'service_points', 'unknown_service_point'),
      known('window_id', 'windows', 'unknown_window'),
      known('handler_staff_id', 'staff', 'unknown_staff'),
      oneOf('channel', ['online', 'window', 'mail', 'proxy'], 'unknown_channel'),
      oneOf('applicant_kind', ['person', 'enterprise'], 'unknown_applicant_kind'),
      oneOf(
        'status',
        ['received', 'accepted', 'suspended', 'concluded', 'rejected', 'withdrawn'],
        'unknown_status'
      ),
      oneOf('decision', ['approved', 'denied'], 'unknown_decision')
    ],
    touches: 'id'
  },
  case_events: {
    relation: 'case_events',
    columns: [
      col('id', 'bigint'),
      col('case_id', 'bigint'),
      col('kind', 'text'),
      col('occurred_at', 'timestamptz'),
      opt('staff_id', 'integer'),
      opt('procedure', 'text'),
      opt('days', 'integer'),
      opt('note', 'text')
    ],
    joins: caseJoin,
    checks: [
      caseKnown,
      oneOf('kind', CASE_EVENT_KINDS, 'unknown_event_kind'),
      oneOf('procedure', SPECIAL_PROCEDURES, 'unknown_procedure'),
      known('staff_id', 'staff', 'unknown_staff')
    ],
    region: 'c.region_code',
    touches: 'case_id'
  },
  ratings: {
    relation: 'ratings',
    columns: [
      col('id', 'bigint'),
      opt('case_id', 'bigint'),
      opt('staff_id', 'integer'),
      opt('window_id', 'integer'),
      col('level', 'integer'),
      col('channel', 'text'),
      col('rated_at', 'timestamptz'),
      opt('comment', 'text')
    ],
    joins: feedbackJoins,
    checks: [
      caseKnown,
      known('staff_id', 'staff', 'unknown_staff'),
      known('window_id', 'windows', 'unknown_window'),
      {
        reason: 'level_out_of_range',
        bad: 's.level NOT BETWEEN 1 AND 5',
        message: `${label('level_out_of_range')} || s.level`
      },
      oneOf('channel', ['hall_device', 'online', 'sms', 'app', 'hotline'], 'unknown_rating_channel'),
      hasRegion
    ],
    region: feedbackRegion
  },
  complaints: {
    relation: 'complaints',
    columns: [
      col('id', 'bigint'),
      opt('case_id', 'bigint'),
      opt('staff_id', 'integer'),
      opt('window_id', 'integer'),
      col('source', 'text'),
      col('category', 'text'),
      col('received_at', 'timestamptz'),
      opt('substantiated', 'boolean'),
      opt('closed_at', 'timestamptz')
    ],
    joins: feedbackJoins,
    checks: [
      caseKnown,
      known('staff_id', 'staff', 'unknown_staff'),
      known('window_id', 'windows', 'unknown_window'),
      oneOf('source', ['hotline', 'online', 'letter', 'visit'], 'unknown_complaint_source'),
      hasRegion
    ],
    region: feedbackRegion
  }
};

/** The specs in dependency order. */
export const RELATIONS_IN_ORDER: readonly RelationSpec[] = SOURCE_RELATIONS.map((r) => RELATION_SPECS[r]);

/** The check every relation has: required values present (updated_at included). */
export function missingValueCheck(spec: RelationSpec): RowCheck {
  const required = [...spec.columns.filter((c) => c.notNull).map((c) => c.name), 'updated_at'];
  return {
    reason: 'missing_value',
    bad: required.map((c) => `s.${c} IS NULL`).join(' OR '),
    message:
      `${label('missing_value')} || concat_ws('、', ` +
      required.map((c) => `CASE WHEN s.${c} IS NULL THEN ${literal(c)} END`).join(', ') +
      ')'
  };
}
