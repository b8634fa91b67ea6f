// A caller's section scope as the repositories apply it in SQL.

/** 'all', or the section codes the caller may see (possibly none). */
export type SectionScope = 'all' | readonly string[];

/**
 * The codes to filter on: null for every section, else a non-empty list ([''] matches no
 * section: `IN ()` is not valid SQL, and an empty scope must still find nothing).
 */
export function scopeCodes(scope: SectionScope): string[] | null {
  if (scope === 'all') return null;
  return scope.length ? [...scope] : [''];
}
