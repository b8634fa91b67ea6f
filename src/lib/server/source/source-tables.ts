import type { ColumnType } from 'kysely';

// Kysely types of the source contract's relations (shared/spec/source-contract.md).
// `pg` returns bigint columns as strings; ids of large relations are therefore strings.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** Has a database default (now()), so an insert may leave it out. */
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type BigId = ColumnType<string, string | number | bigint, string | number | bigint>;

export interface SourceDepartment {
  id: number;
  code: string;
  name: string;
  updated_at: UpdatedAt;
}

export interface SourceSection {
  id: number;
  code: string;
  name: string;
  updated_at: UpdatedAt;
}

export type ServicePointLevel = 'district' | 'street' | 'community';

export interface SourceServicePoint {
  id: number;
  code: string;
  name: string;
  level: ServicePointLevel;
  parent_id: number | null;
  region_code: string;
  updated_at: UpdatedAt;
}

export interface SourceWindow {
  id: number;
  code: string;
  name: string;
  service_point_id: number;
  section_id: number | null;
  updated_at: UpdatedAt;
}

export type StaffPosition = 'window' | 'chief_rep' | 'reviewer' | 'section_head';
export type StaffEmployment = 'civil_servant' | 'public_institution' | 'contracted';

export interface SourceStaff {
  id: number;
  staff_no: string;
  name: string;
  window_id: number | null;
  section_id: number | null;
  position: StaffPosition;
  employment: StaffEmployment;
  active: boolean;
  updated_at: UpdatedAt;
}

export interface SourceMatter {
  id: number;
  code: string;
  name: string;
  department_id: number;
  section_id: number;
  kind: 'immediate' | 'promised';
  statutory_days: number;
  promised_days: number;
  online: boolean;
  updated_at: UpdatedAt;
}

export type CaseStatus = 'received' | 'accepted' | 'suspended' | 'concluded' | 'rejected' | 'withdrawn';
export type CaseChannel = 'online' | 'window' | 'mail' | 'proxy';

export interface SourceCase {
  id: BigId;
  case_no: string;
  region_code: string;
  matter_id: number;
  service_point_id: number;
  window_id: number | null;
  channel: CaseChannel;
  applicant_kind: 'person' | 'enterprise';
  applicant_name: string;
  applicant_id_no: string;
  applicant_phone: string;
  received_at: Timestamp;
  accepted_at: Timestamp | null;
  handler_staff_id: number | null;
  status: CaseStatus;
  decision: 'approved' | 'denied' | null;
  concluded_at: Timestamp | null;
  delivered_at: Timestamp | null;
  updated_at: UpdatedAt;
}

export const CASE_EVENT_KINDS = [
  'received',
  'correction_requested',
  'correction_received',
  'accepted',
  'rejected',
  'suspended',
  'resumed',
  'extended',
  'concluded',
  'delivered',
  'withdrawn'
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const SPECIAL_PROCEDURES = [
  'hearing',
  'tender',
  'auction',
  'inspection',
  'testing',
  'quarantine',
  'appraisal',
  'expert_review',
  'site_survey'
] as const;
export type SpecialProcedure = (typeof SPECIAL_PROCEDURES)[number];

export interface SourceCaseEvent {
  id: BigId;
  case_id: BigId;
  kind: CaseEventKind;
  occurred_at: Timestamp;
  staff_id: number | null;
  procedure: SpecialProcedure | null;
  days: number | null;
  note: string | null;
  updated_at: UpdatedAt;
}

export interface SourceRating {
  id: BigId;
  case_id: BigId | null;
  staff_id: number | null;
  window_id: number | null;
  level: number;
  channel: 'hall_device' | 'online' | 'sms' | 'app' | 'hotline';
  rated_at: Timestamp;
  comment: string | null;
  updated_at: UpdatedAt;
}

export interface SourceComplaint {
  id: BigId;
  case_id: BigId | null;
  staff_id: number | null;
  window_id: number | null;
  source: 'hotline' | 'online' | 'letter' | 'visit';
  category: string;
  received_at: Timestamp;
  substantiated: boolean | null;
  closed_at: Timestamp | null;
  updated_at: UpdatedAt;
}

/** The source relations, keyed as Kysely sees them (the schema is set with `withSchema`). */
export interface SourceDatabase {
  departments: SourceDepartment;
  sections: SourceSection;
  service_points: SourceServicePoint;
  windows: SourceWindow;
  staff: SourceStaff;
  matters: SourceMatter;
  cases: SourceCase;
  case_events: SourceCaseEvent;
  ratings: SourceRating;
  complaints: SourceComplaint;
}

/** In dependency order: reference data first. */
export const SOURCE_RELATIONS = [
  'departments',
  'sections',
  'service_points',
  'windows',
  'staff',
  'matters',
  'cases',
  'case_events',
  'ratings',
  'complaints'
] as const satisfies readonly (keyof SourceDatabase)[];
export type SourceRelation = (typeof SOURCE_RELATIONS)[number];

/** The columns each relation must offer (the contract); a vendor's view may have more. */
export const SOURCE_COLUMNS: Record<SourceRelation, readonly string[]> = {
  departments: ['id', 'code', 'name', 'updated_at'],
  sections: ['id', 'code', 'name', 'updated_at'],
  service_points: ['id', 'code', 'name', 'level', 'parent_id', 'region_code', 'updated_at'],
  windows: ['id', 'code', 'name', 'service_point_id', 'section_id', 'updated_at'],
  staff: [
    'id',
    'staff_no',
    'name',
    'window_id',
    'section_id',
    'position',
    'employment',
    'active',
    'updated_at'
  ],
  matters: [
    'id',
    'code',
    'name',
    'department_id',
    'section_id',
    'kind',
    'statutory_days',
    'promised_days',
    'online',
    'updated_at'
  ],
  cases: [
    'id',
    'case_no',
    'region_code',
    'matter_id',
    'service_point_id',
    'window_id',
    'channel',
    'applicant_kind',
    'applicant_name',
    'applicant_id_no',
    'applicant_phone',
    'received_at',
    'accepted_at',
    'handler_staff_id',
    'status',
    'decision',
    'concluded_at',
    'delivered_at',
    'updated_at'
  ],
  case_events: [
    'id',
    'case_id',
    'kind',
    'occurred_at',
    'staff_id',
    'procedure',
    'days',
    'note',
    'updated_at'
  ],
  ratings: [
    'id',
    'case_id',
    'staff_id',
    'window_id',
    'level',
    'channel',
    'rated_at',
    'comment',
    'updated_at'
  ],
  complaints: [
    'id',
    'case_id',
    'staff_id',
    'window_id',
    'source',
    'category',
    'received_at',
    'substantiated',
    'closed_at',
    'updated_at'
  ]
};
