import { fail, redirect } from '@sveltejs/kit';
import { homeFor, safeNext } from '$lib/server/auth/home';
import { SESSION_COOKIE } from '$lib/server/auth/identity';
import { signIn } from '$lib/server/auth/sessions.service';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  if (locals.user) redirect(303, safeNext(url.searchParams.get('next')) ?? homeFor(locals.user.roles));
  return {};
};

export const actions: Actions = {
  default: async ({ request, cookies, url, getClientAddress }) => {
    const form = await request.formData();
    const login = String(form.get('login') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const errors: { login?: string; password?: string; form?: string } = {};
    if (!login) errors.login = '请输入登录名';
    if (!password) errors.password = '请输入密码';
    if (Object.keys(errors).length) return fail(400, { login, errors });

    const result = await signIn(
      getDb(),
      { login, password },
      { ip: getClientAddress(), userAgent: request.headers.get('user-agent') },
      new Date()
    );
    if (!result.ok) {
      const message =
        result.reason === 'locked'
          ? `连续登录失败次数过多，账号已锁定至 ${result.lockedUntil?.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' })}`
          : '登录名或密码不正确';
      return fail(400, { login, errors: { form: message } as typeof errors });
    }
    cookies.set(SESSION_COOKIE, result.sessionToken, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: url.protocol === 'https:',
      expires: result.expiresAt
    });
    if (result.mustChangePassword) redirect(303, '/account/password');
    const user = await getDb()
      .selectFrom('users')
      .select('roles')
      .where('id', '=', result.userId)
      .executeTakeFirstOrThrow();
    redirect(303, safeNext(url.searchParams.get('next')) ?? homeFor(user.roles));
  }
};
