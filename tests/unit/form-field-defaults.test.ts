import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

// A field of an action form must take what the server hands back (the values of a failed
// submission, the stored setting) as its DEFAULT: `defaultValue`, `defaultChecked`. A plain
// `value={…}` or `checked={…}` is applied again when the page hydrates and wipes what a
// quick user — or anyone on a slow first load — typed or ticked before the scripts ran
// (found on the login page: the form was sent without a name). GET forms (filters) keep
// `value={…}`: their fields follow the URL, which changes under them as the user navigates.
// Text areas are left as they are: Svelte 5.57 renders a textarea's `defaultValue` empty on
// the server (sveltejs/svelte#18574, fix pending in #18771), so a page without scripts, or
// a failed submission without them, would lose its text — worse than the race.

interface Node {
  type: string;
  name?: string;
  start: number;
  attributes?: Attribute[];
  fragment?: { nodes: Node[] };
  [key: string]: unknown;
}
interface Attribute {
  type: string;
  name: string;
  start: number;
  value: true | { type: string; data?: string }[] | { type: string };
}

const UNTYPED = new Set(['hidden', 'checkbox', 'radio', 'submit', 'button']);

const attribute = (node: Node, name: string) =>
  node.attributes?.find((a) => a.type === 'Attribute' && a.name === name);
const isStatic = (a: Attribute) =>
  a.value === true || (Array.isArray(a.value) && a.value.every((v) => v.type === 'Text'));
const staticText = (a: Attribute | undefined) =>
  a && Array.isArray(a.value)
    ? a.value
        .map((v) => v.data ?? '')
        .join('')
        .toLowerCase()
    : '';

/** Fields whose typed or ticked state hydration would overwrite, as "file:line what". */
function racingFields(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found: string[] = [];
  const at = (offset: number) => `${file}:${source.slice(0, offset).split('\n').length}`;
  const visit = (node: Node, form: Node | null) => {
    if (node.type === 'RegularElement' && node.name === 'form') form = node;
    const inActionForm = form === null || staticText(attribute(form, 'method')) === 'post';
    if (node.type === 'RegularElement' && inActionForm && node.name === 'input') {
      const type = staticText(attribute(node, 'type'));
      const value = attribute(node, 'value');
      const checked = attribute(node, 'checked');
      const inert = attribute(node, 'readonly');
      if (value && !isStatic(value) && !UNTYPED.has(type) && !inert)
        found.push(`${at(value.start)} value={…}`);
      if (checked && !isStatic(checked)) found.push(`${at(checked.start)} checked={…}`);
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'parent' || key === 'attributes') continue;
      const children = Array.isArray(child) ? child : [child];
      for (const c of children) if (c && typeof c === 'object' && 'type' in c) visit(c as Node, form);
    }
  };
  visit(parse(source, { modern: true }).fragment as unknown as Node, null);
  return found;
}

describe('fields of action forms', () => {
  const files = execSync("git ls-files 'src/*.svelte'", { encoding: 'utf8' }).trim().split('\n');

  it('finds a field that hydration would overwrite (the check itself works)', () => {
    expect(files.length).toBeGreaterThan(50);
    const probe = 'tests/unit/fixtures/racing-fields.svelte';
    expect(racingFields(probe)).toEqual([`${probe}:6 value={…}`, `${probe}:7 checked={…}`]);
  });

  it('take what the server hands back as their default, so that hydration keeps what was typed', () => {
    expect(files.flatMap(racingFields)).toEqual([]);
  });
});
