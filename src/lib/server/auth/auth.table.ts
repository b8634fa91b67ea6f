import type { ColumnType, Generated } from 'kysely';
import type { Role } from '../../roles';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface UserTable {
  id: Generated<number>;
  login: string;
  display_name: string;
  roles: Role[];
  section_codes: ColumnType<string[], string[] | undefined, string[]>;
  staff_no: string | null;
  firm_code: string | null;
  password_hash: string;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SessionTable {
  id_hash: string;
  user_id: number;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  created_by: string;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
