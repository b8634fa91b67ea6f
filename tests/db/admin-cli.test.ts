import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveApiToken } from '../../src/lib/server/auth/api-tokens.service';
import { signIn } from '../../src/lib/server/auth/sessions.service';
import { runScript } from '../helpers/run-command';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// `npm run admin -- …`: how a real deployment gets its first administrator and its tokens.

describe('npm run admin', () => {
  let t: TestDatabases;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await createTestDatabases();
    env = { DATABASE_URL: t.urls.product, SOURCE_DATABASE_URL: t.urls.sourceReader };
  });
  afterAll(() => t.destroy());

  it('creates a scoped user with a one-time password that must be changed at first sign-in', async () => {
    const result = await runScript(
      'scripts/admin.ts',
      ['create-user', 'li.kz', 'section_head', '--name', '李科长', '--section', 'S01'],
      env
    );
    expect(result.code, result.stderr).toBe(0);
    const password = /一次性密码 \/ one-time password: (\S+)/.exec(result.stdout)?.[1];
    expect(password).toBeDefined();
    const user = await t.db
      .selectFrom('users')
      .selectAll()
      .where('login', '=', 'li.kz')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({
      display_name: '李科长',
      roles: ['section_head'],
      section_codes: ['S01'],
      must_change_password: true
    });
    const signedIn = await signIn(t.db, { login: 'li.kz', password: password! }, {}, new Date());
    expect(signedIn).toMatchObject({ ok: true, mustChangePassword: true });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_login'])
      .where('action', '=', 'user.create')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_login).toMatch(/^cli:/);
  });

  it('prints a read-only API token that the API accepts', async () => {
    const result = await runScript('scripts/admin.ts', ['create-token', 'city-platform'], env);
    expect(result.code, result.stderr).toBe(0);
    const token = /(aeo_\S+)/.exec(result.stdout)?.[1];
    expect(await resolveApiToken(t.db, token!, new Date())).toMatchObject({
      roles: ['leader'],
      via: 'token'
    });
  });

  it('names an unknown role instead of creating anything', async () => {
    const result = await runScript('scripts/admin.ts', ['create-user', 'zhang.san', 'boss'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('未知角色 / unknown role: boss');
    expect(
      await t.db.selectFrom('users').select('id').where('login', '=', 'zhang.san').executeTakeFirst()
    ).toBeUndefined();
  });
});
