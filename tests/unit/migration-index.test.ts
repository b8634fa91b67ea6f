import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appMigrations } from '../../migrations/app/index';
import { demoSourceMigrations } from '../../migrations/demo-source/index';

const filesIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();

describe('migration indexes', () => {
  it.each([
    ['migrations/app', appMigrations],
    ['migrations/demo-source', demoSourceMigrations]
  ])('%s/index.ts lists every migration file, by its file name', (dir, index) => {
    expect(Object.keys(index).sort()).toEqual(filesIn(dir));
  });

  it.each([['migrations/app'], ['migrations/demo-source']])('%s files are named by timestamp', (dir) => {
    for (const name of filesIn(dir)) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
  });

  it('every migration has up and down', () => {
    for (const migration of [...Object.values(appMigrations), ...Object.values(demoSourceMigrations)]) {
      expect(typeof migration.up).toBe('function');
      expect(typeof migration.down).toBe('function');
    }
  });
});
