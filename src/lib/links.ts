import type { ResolvedPathname } from '$app/types';

/**
 * A resolved path with a query string: still a path of this app under its base path
 * (the lint rule svelte/no-navigation-without-resolve recognises the type).
 */
export function withQuery(path: ResolvedPathname, query: string | URLSearchParams): ResolvedPathname {
  const text = String(query);
  return (text ? `${path}?${text}` : path) as ResolvedPathname;
}
