import { json } from '@sveltejs/kit';

// The JSON API's error shape (shared/spec/interfaces.md): { error: { code, message } }.

const DEFAULT_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  500: 'internal',
  503: 'unavailable'
};

export function apiError(status: number, code: string, message: string): Response {
  return json({ error: { code, message } }, { status });
}

/** A 400 naming the bad parameter. */
export function badParameter(name: string, message: string): Response {
  return json({ error: { code: 'bad_parameter', parameter: name, message } }, { status: 400 });
}

/**
 * Normalises an API error response: SvelteKit renders `error()` as { message, code };
 * the API promises { error: { code, message } }.
 */
export async function toApiErrorResponse(
  status: number,
  code?: string,
  message?: string,
  original?: Response
): Promise<Response> {
  if (original) {
    const body = (await original
      .clone()
      .json()
      .catch(() => null)) as { message?: string; code?: string; error?: unknown } | null;
    if (body?.error) return original;
    code ??= body?.code ?? DEFAULT_CODES[status] ?? 'error';
    message ??= body?.message ?? original.statusText;
  }
  const response = apiError(status, code ?? DEFAULT_CODES[status] ?? 'error', message ?? '');
  response.headers.set('X-Content-Type-Options', 'nosniff');
  return response;
}
