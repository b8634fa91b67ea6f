import type { Kysely } from 'kysely';
import { isRole, type Role } from '../../roles';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { generateOneTimePassword, hashPassword, passwordProblem, verifyPassword } from './password';

// Managing users. Each change and its audit entry commit together; password hashes never
// enter the audit trail.

export interface NewUser {
  login: string;
  displayName: string;
  roles: Role[];
  sectionCodes?: string[];
  staffNo?: string | null;
  firmCode?: string | null;
}

export type FieldErrors = Partial<Record<string, string>>;

const LOGIN_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;

/** Field-by-field validation in Chinese; empty when the user can be created. */
export function validateNewUser(user: NewUser): FieldErrors {
  const errors: FieldErrors = {};
  if (!LOGIN_PATTERN.test(user.login)) errors.login = '登录名须以小写字母开头，3–32 位小写字母、数字或 . _ -';
  if (!user.displayName.trim()) errors.displayName = '请填写姓名';
  if (user.roles.length === 0) errors.roles = '至少选择一个角色';
  else if (!user.roles.every(isRole)) errors.roles = '包含未知角色';
  if (user.roles.includes('section_head') && !user.sectionCodes?.length)
    errors.sectionCodes = '科长须指定所管科室';
  if (user.roles.includes('staff') && !user.staffNo) errors.staffNo = '窗口人员须关联工号';
  if (user.roles.includes('evaluator') && !user.firmCode) errors.firmCode = '第三方测评人员须指定所属机构';
  return errors;
}

export class ValidationError extends Error {
  constructor(public readonly fields: FieldErrors) {
    super(Object.values(fields).join('；'));
  }
}

/** Creates a user with a one-time password that must be changed at first sign-in. */
export async function createUser(
  db: Kysely<Database>,
  actor: Actor,
  user: NewUser,
  password: string = generateOneTimePassword()
): Promise<{ id: number; oneTimePassword: string }> {
  const errors = validateNewUser(user);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('login', '=', user.login)
      .executeTakeFirst();
    if (taken) throw new ValidationError({ login: '该登录名已存在' });
    const row = await trx
      .insertInto('users')
      .values({
        login: user.login,
        display_name: user.displayName.trim(),
        roles: user.roles,
        section_codes: user.sectionCodes ?? [],
        staff_no: user.staffNo ?? null,
        firm_code: user.firmCode ?? null,
        password_hash: passwordHash,
        must_change_password: true
      })
      .returning(['id', 'login', 'display_name', 'roles', 'section_codes', 'staff_no', 'firm_code', 'active'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'user.create', entity: 'user', entityId: row.id, after: row });
    return { id: row.id, oneTimePassword: password };
  });
}

export async function changePassword(
  db: Kysely<Database>,
  actor: Actor & { userId: number },
  current: string,
  next: string
): Promise<FieldErrors> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, current))) return { current: '当前密码不正确' };
  const problem = passwordProblem(next, user.login);
  if (problem) return { next: problem };
  if (next === current) return { next: '新密码不能与当前密码相同' };
  const passwordHash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: false, updated_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    await appendAudit(trx, actor, { action: 'user.password_changed', entity: 'user', entityId: user.id });
  });
  return {};
}

export async function updateUserAccess(
  db: Kysely<Database>,
  actor: Actor,
  userId: number,
  change: { roles?: Role[]; active?: boolean; sectionCodes?: string[] }
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('users')
      .select(['id', 'roles', 'active', 'section_codes'])
      .where('id', '=', userId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const after = await trx
      .updateTable('users')
      .set({
        ...(change.roles ? { roles: change.roles } : {}),
        ...(change.active !== undefined ? { active: change.active } : {}),
        ...(change.sectionCodes ? { section_codes: change.sectionCodes } : {}),
        updated_at: new Date()
      })
      .where('id', '=', userId)
      .returning(['id', 'roles', 'active', 'section_codes'])
      .executeTakeFirstOrThrow();
    if (change.active === false) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await appendAudit(trx, actor, {
      action: 'user.update_access',
      entity: 'user',
      entityId: userId,
      before,
      after
    });
  });
}

/** Sets a new one-time password and unlocks the account. */
export async function resetPassword(db: Kysely<Database>, actor: Actor, userId: number): Promise<string> {
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: true,
        failed_attempts: 0,
        locked_until: null
      })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await appendAudit(trx, actor, { action: 'user.password_reset', entity: 'user', entityId: userId });
  });
  return password;
}
