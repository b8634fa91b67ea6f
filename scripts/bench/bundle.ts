import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { StartupError } from '../lib/fail';

// `npm run bench -- bundle [route file]`: the JavaScript a browser loads to open one page
// of the built app (default the overview, src/routes/+page.svelte): the client entry, the
// root layout, the page's node and every chunk they import statically, each gzipped at
// level 9 as a server would send it. Needs a build (`npx vite build`).

const CLIENT = '.svelte-kit/output/client';
const NODES = '.svelte-kit/generated/client-optimized/nodes';

interface ManifestEntry {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

export async function benchBundle(args: string[]): Promise<void> {
  const route = args[0] ?? 'src/routes/+page.svelte';
  let manifest: Record<string, ManifestEntry>;
  try {
    manifest = JSON.parse(readFileSync(path.join(CLIENT, '.vite/manifest.json'), 'utf8'));
  } catch {
    throw new StartupError('未找到构建结果：请先运行 npx vite build / no build: run npx vite build first');
  }
  const pageNode = Object.keys(manifest).find(
    (key) => key.startsWith(NODES) && readFileSync(key, 'utf8').includes(`/${route}"`)
  );
  if (!pageNode) throw new StartupError(`构建中没有 ${route} / ${route} is not in the build`);
  const roots = [
    'node_modules/@sveltejs/kit/src/runtime/client/entry.js',
    '.svelte-kit/generated/client-optimized/app.js',
    `${NODES}/0.js`,
    pageNode
  ];
  const files = new Map<string, number>();
  const visit = (key: string) => {
    const entry = manifest[key];
    if (!entry || files.has(entry.file)) return;
    files.set(entry.file, gzipSync(readFileSync(path.join(CLIENT, entry.file)), { level: 9 }).length);
    for (const next of entry.imports ?? []) visit(next);
  };
  for (const root of roots) visit(root);
  const rows = [...files].sort((a, b) => b[1] - a[1]);
  for (const [file, size] of rows) console.log(`${(size / 1024).toFixed(1).padStart(8)} kB  ${file}`);
  const total = rows.reduce((sum, [, size]) => sum + size, 0);
  console.log(
    `${(total / 1024).toFixed(1).padStart(8)} kB  gzipped in all, ${rows.length} files, for ${route}`
  );
}
