import type { Handle, HandleServerError } from '@sveltejs/kit';
import { resolveApiToken } from '$lib/server/auth/api-tokens.service';
import { SESSION_COOKIE } from '$lib/server/auth/identity';
import { resolveSession } from '$lib/server/auth/sessions.service';
import { getDb } from '$lib/server/db/index';
import { toApiErrorResponse } from '$lib/server/http/api-errors';

// Identity is resolved here, once per request; permission checks happen in each load,
// action and endpoint through $lib/server/auth/guard.

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()'
};

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  event.locals.sessionToken = null;
  const isApi = event.url.pathname.startsWith('/api/');
  const authorization = event.request.headers.get('authorization');
  const now = new Date();

  if (isApi && authorization?.startsWith('Bearer ')) {
    event.locals.user = await resolveApiToken(getDb(), authorization.slice(7).trim(), now);
    if (!event.locals.user) return toApiErrorResponse(401, 'invalid_token', 'API 令牌无效或已吊销');
    if (event.request.method !== 'GET' && event.request.method !== 'HEAD') {
      return toApiErrorResponse(405, 'read_only', 'API 令牌只能读取');
    }
  } else {
    const sessionToken = event.cookies.get(SESSION_COOKIE);
    if (sessionToken) {
      event.locals.user = await resolveSession(getDb(), sessionToken, now);
      if (event.locals.user) event.locals.sessionToken = sessionToken;
      else event.cookies.delete(SESSION_COOKIE, { path: '/' });
    }
  }

  const response = await resolve(event);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
  if (isApi && response.status >= 400)
    return toApiErrorResponse(response.status, undefined, undefined, response);
  return response;
};

export const handleError: HandleServerError = ({ error, status }) => {
  if (status === 404) return { message: '页面不存在', code: 'not_found' };
  console.error(error);
  return { message: '服务器内部错误，请稍后重试', code: 'internal' };
};
