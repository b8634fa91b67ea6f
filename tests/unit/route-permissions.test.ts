import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTE_PERMISSIONS } from '../e2e/route-permissions';

const ROUTES_DIR = 'src/routes';
const ROUTE_FILES = new Set(['+page.svelte', '+page.server.ts', '+server.ts']);

/** Every SvelteKit route id that serves a page or an endpoint. */
function routeIds(dir = ROUTES_DIR): string[] {
  const ids: string[] = [];
  const entries = readdirSync(dir);
  if (entries.some((e) => ROUTE_FILES.has(e))) {
    const id =
      '/' +
      path
        .relative(ROUTES_DIR, dir)
        .split(path.sep)
        .filter((s) => s && !/^\(.*\)$/.test(s))
        .join('/');
    ids.push(id);
  }
  for (const entry of entries) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) ids.push(...routeIds(full));
  }
  return ids;
}

describe('the permission table', () => {
  it('lists every route of the app, and no route that does not exist', () => {
    expect(Object.keys(ROUTE_PERMISSIONS).sort()).toEqual(routeIds().sort());
  });

  it('guards every page with a server load (no page relies on hiding a link)', () => {
    for (const id of routeIds()) {
      const dir = path.join(ROUTES_DIR, id);
      const files = readdirSync(dir);
      if (files.includes('+page.svelte'))
        expect(files, `${id} has no +page.server.ts`).toContain('+page.server.ts');
    }
  });
});
