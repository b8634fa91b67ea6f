import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { embeddedPostgresModulesDir, makeTraversable } from '../../src/lib/server/db/postgres-user-access';

describe('letting the postgres user reach a clone in a private directory', () => {
  let root: string | undefined;
  afterEach(() => root && rmSync(root, { recursive: true, force: true }));

  it('adds search permission (o+x) to every private ancestor and nothing else', () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'oversight-access-')); // 0700, like mktemp -d
    const deep = path.join(root, 'clone', 'node_modules');
    mkdirSync(deep, { recursive: true, mode: 0o700 });
    const changed = makeTraversable([deep]);
    expect(changed).toContain(root);
    for (const dir of [root, path.join(root, 'clone'), deep]) {
      const mode = statSync(dir).mode & 0o777;
      expect(mode & 0o001, dir).toBe(0o001);
      expect(mode & 0o004, `${dir} stays unreadable to others`).toBe(0);
    }
    expect(makeTraversable([deep])).toEqual([]); // idempotent
  });

  it('finds the node_modules folder that holds the PostgreSQL binaries', () => {
    expect(embeddedPostgresModulesDir()).toBe(path.resolve('node_modules'));
  });
});
