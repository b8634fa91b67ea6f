import os from 'node:os';
import { isRole, ROLES, type Role } from '../src/lib/roles';
import type { Actor } from '../src/lib/server/audit/audit.repository';
import { createApiToken, revokeApiToken } from '../src/lib/server/auth/api-tokens.service';
import { createUser, resetPassword, ValidationError } from '../src/lib/server/auth/users.service';
import { readConfig } from '../src/lib/server/config';
import { closeDatabases, getDb } from '../src/lib/server/db/index';
import { assertReachable } from './lib/checks';
import { exitWithError, StartupError } from './lib/fail';
import { applyProductMigrations } from './lib/migrate-product';
import { resolveRuntime, type Runtime } from './lib/runtime';

// `npm run admin -- <command>`: user and token management from the server's shell, e.g.
// to create the first administrator of a real deployment.

const USAGE = `用法 / usage:
  npm run admin -- create-user <login> <role>[,<role>…] [--name 姓名] [--section 科室代码] [--staff 工号] [--firm 机构代码]
  npm run admin -- reset-password <login>
  npm run admin -- create-token <name>
  npm run admin -- revoke-token <id>
roles: ${ROLES.join(', ')}`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

const actor: Actor = { userId: null, login: `cli:${os.userInfo().username}`, roles: ['admin'] };

async function main([command, ...args]: string[]): Promise<void> {
  if (!command || command === '--help') {
    console.log(USAGE);
    return;
  }
  runtime = await resolveRuntime();
  const { databaseUrl } = readConfig();
  await assertReachable(databaseUrl, 'DATABASE_URL');
  await applyProductMigrations(databaseUrl);
  const db = getDb();

  if (command === 'create-user') {
    const [login, roleList] = args;
    if (!login || !roleList) throw new StartupError(USAGE);
    const roles = roleList.split(',').map((r) => r.trim());
    const unknown = roles.filter((r) => !isRole(r));
    if (unknown.length) throw new StartupError(`未知角色 / unknown role: ${unknown.join(', ')}\n${USAGE}`);
    const section = option(args, 'section');
    const { oneTimePassword } = await createUser(db, actor, {
      login,
      displayName: option(args, 'name') ?? login,
      roles: roles as Role[],
      sectionCodes: section ? section.split(',') : [],
      staffNo: option(args, 'staff') ?? null,
      firmCode: option(args, 'firm') ?? null
    });
    console.log(`已创建用户 ${login}（${roles.join(', ')}）`);
    console.log(`一次性密码 / one-time password: ${oneTimePassword}`);
    console.log('首次登录时须修改密码 / must be changed at first sign-in');
  } else if (command === 'reset-password') {
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('login', '=', args[0] ?? '')
      .executeTakeFirst();
    if (!user) throw new StartupError(`没有登录名为 "${args[0]}" 的用户`);
    console.log(`新的一次性密码 / one-time password: ${await resetPassword(db, actor, user.id)}`);
  } else if (command === 'create-token') {
    if (!args[0]) throw new StartupError(USAGE);
    const { id, token } = await createApiToken(db, actor, args[0]);
    console.log(`API 令牌 #${id}（只读）/ read-only API token:\n${token}`);
    console.log('请妥善保存：令牌只显示这一次 / shown only once');
  } else if (command === 'revoke-token') {
    await revokeApiToken(db, actor, Number(args[0]));
    console.log(`已吊销令牌 #${args[0]}`);
  } else {
    throw new StartupError(USAGE);
  }
}

let runtime: Runtime | undefined;

main(process.argv.slice(2)).then(
  async () => {
    await closeDatabases();
    await runtime?.shutdown();
    process.exit(0);
  },
  async (error: unknown) => {
    await closeDatabases().catch(() => {});
    await runtime?.shutdown().catch(() => {});
    exitWithError(error instanceof ValidationError ? new StartupError(error.message) : error);
  }
);
