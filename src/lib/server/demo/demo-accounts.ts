import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../audit/audit.repository';
import { createUser, type NewUser } from '../auth/users.service';
import type { Database } from '../db/database';
import type { SourceDatabase } from '../source/source-tables';

// One account per role on demo data only, with a known password and no forced change,
// so that a person evaluating the product can try every role at once. A real
// deployment gets its first administrator from `npm run admin -- create-user`.

export const DEMO_PASSWORD = 'demo-password-2026';

/** The accounts the product-side demo data is entered as (product-demo/). */
export const DEMO_LOGINS = {
  leader: 'leader',
  sectionHead: 'section',
  staff: 'staff',
  evaluator: 'evaluator'
} as const;

/** A demo account is a user as the administrators' form creates one. */
export type DemoAccount = NewUser;

export async function demoAccounts(source: Kysely<SourceDatabase>): Promise<DemoAccount[]> {
  const section = await source
    .selectFrom('sections')
    .select(['code', 'name'])
    .orderBy('id')
    .executeTakeFirst();
  const staff = await source
    .selectFrom('staff')
    .select(['staff_no', 'name'])
    .where('position', '=', 'window')
    .where('active', '=', true)
    .orderBy('id')
    .executeTakeFirst();
  return [
    { login: DEMO_LOGINS.leader, displayName: '局长（演示）', roles: ['leader'] },
    { login: 'inspector', displayName: '纪检监察员（演示）', roles: ['inspector'] },
    // A pool for the reviewer draw (双随机): one of them belongs to the first section, so
    // the draw sheet shows a reviewer skipped for a conflict of interest.
    { login: 'inspector2', displayName: '纪检监察员二（演示）', roles: ['inspector'] },
    {
      login: 'inspector3',
      displayName: '纪检监察员三（演示）',
      roles: ['inspector'],
      sectionCodes: section ? [section.code] : ['S01']
    },
    {
      login: DEMO_LOGINS.sectionHead,
      displayName: `${section?.name ?? '审批科'}科长（演示）`,
      roles: ['section_head'],
      sectionCodes: section ? [section.code] : ['S01']
    },
    {
      login: DEMO_LOGINS.staff,
      displayName: `${staff?.name ?? '窗口人员'}（演示）`,
      roles: ['staff'],
      staffNo: staff?.staff_no ?? 'W001'
    },
    {
      login: DEMO_LOGINS.evaluator,
      displayName: '第三方测评员（演示）',
      roles: ['evaluator'],
      firmCode: 'F01'
    },
    { login: 'admin', displayName: '系统管理员（演示）', roles: ['admin'] },
    { login: 'auditor', displayName: '安全审计员（演示）', roles: ['auditor'] }
  ];
}

/** Creates the demo accounts that do not exist yet; returns every demo account. */
export async function ensureDemoAccounts(
  db: Kysely<Database>,
  source: Kysely<SourceDatabase>
): Promise<DemoAccount[]> {
  const accounts = await demoAccounts(source);
  for (const account of accounts) {
    const exists = await db
      .selectFrom('users')
      .select('id')
      .where('login', '=', account.login)
      .executeTakeFirst();
    if (exists) continue;
    const { id } = await createUser(db, SYSTEM_ACTOR, account, DEMO_PASSWORD);
    await db.updateTable('users').set({ must_change_password: false }).where('id', '=', id).execute();
  }
  return accounts;
}
