import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../src/lib/server/db/free-port';
import { runScript } from '../helpers/run-command';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// Bad configuration stops `npm start` with one clear message naming the problem.

const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe('npm start with bad configuration', () => {
  let t: TestDatabases;
  let port: number;
  beforeAll(async () => {
    t = await createTestDatabases();
    port = await findFreePort(46000 + Math.floor(Math.random() * 1000));
  });
  afterAll(() => t.destroy());

  const start = (env: Record<string, string | undefined>) =>
    runScript('scripts/start.ts', [], { NO_SCHEDULER: '1', PORT: String(port), ...env });

  it('names an unreachable DATABASE_URL', async () => {
    const deadPort = await findFreePort(47000 + Math.floor(Math.random() * 1000));
    const result = await start({
      DATABASE_URL: `postgres://nobody:x@127.0.0.1:${deadPort}/nothing`,
      SOURCE_DATABASE_URL: t.urls.sourceReader
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('无法连接 DATABASE_URL');
    expect(result.stderr).toContain(`127.0.0.1:${deadPort}/nothing`);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('names a port already in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, resolve));
    try {
      const result = await start({ DATABASE_URL: t.urls.product, SOURCE_DATABASE_URL: t.urls.sourceReader });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`端口 ${port} 已被占用`);
      expect(result.stderr).not.toMatch(STACK_LINE);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('names a relation the source lacks', async () => {
    await t.sourceWriter.schema.dropTable('ratings').execute();
    const result = await start({ DATABASE_URL: t.urls.product, SOURCE_DATABASE_URL: t.urls.sourceReader });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('缺少关系 / missing relation: approval.ratings');
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('refuses a half configuration (one URL without the other)', async () => {
    const result = await start({ DATABASE_URL: t.urls.product, SOURCE_DATABASE_URL: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('请同时设置 DATABASE_URL 和 SOURCE_DATABASE_URL');
  });

  it('rejects an invalid PORT', async () => {
    const result = await runScript('scripts/start.ts', [], { PORT: 'abc' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT 的值 "abc" 不是有效端口');
  });
});
