import { sql } from 'kysely';
import { createKysely, describeUrl } from '../../src/lib/server/db/connect';
import { isPortFree } from '../../src/lib/server/db/free-port';
import { describeContractProblems, findContractProblems } from '../../src/lib/server/source/contract-check';
import { StartupError } from './fail';

// The start-up checks that turn a misconfiguration into one sentence naming it.

export async function assertPortFree(port: number): Promise<void> {
  if (!(await isPortFree(port))) {
    throw new StartupError(
      `端口 ${port} 已被占用，请用 PORT 指定其他端口。\nPort ${port} is already in use; set PORT to another port.`
    );
  }
}

export async function assertReachable(url: string, variable: string): Promise<void> {
  const db = createKysely(url, { max: 1 });
  try {
    await sql`SELECT 1`.execute(db);
  } catch (error) {
    const reason =
      error instanceof Error ? error.message || (error as { code?: string }).code : String(error);
    throw new StartupError(
      `无法连接 ${variable}（${describeUrl(url)}）：${reason}\nCannot connect to ${variable} (${describeUrl(url)}).`
    );
  } finally {
    await db.destroy();
  }
}

export async function assertSourceContract(url: string, schema: string): Promise<void> {
  const db = createKysely(url, { max: 1 });
  try {
    const problems = await findContractProblems(db, schema);
    if (problems.length) {
      throw new StartupError(
        `审批数据源不符合契约（docs 见 README「接入真实审批数据库」）：\n` +
          `The approval source does not match the contract:\n${describeContractProblems(schema, problems)}`
      );
    }
  } finally {
    await db.destroy();
  }
}
