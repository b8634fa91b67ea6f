import type { ResolvedPathname } from '$app/types';

/**
 * A resolved path with a query string: still a path of this app under its base path
 * (the lint rule svelte/no-navigation-without-resolve recognises the type).
 */
export function withQuery(path: ResolvedPathname, query: string | URLSearchParams): ResolvedPathname {
  const text = String(query);
  return (text ? `${path}?${text}` : path) as ResolvedPathname;
}

/** `path` with the given query, some parameters set or, given '', removed (filters live in the URL). */
export function withChangedQuery(
  path: ResolvedPathname,
  query: URLSearchParams,
  changes: Record<string, string>
): ResolvedPathname {
  const params = new URLSearchParams(query);
  for (const [name, value] of Object.entries(changes)) {
    if (value) params.set(name, value);
    else params.delete(name);
  }
  return withQuery(path, params);
}
