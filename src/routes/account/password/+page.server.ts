import { fail, redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/actor';
import { requireUser } from '$lib/server/auth/guard';
import { homeFor } from '$lib/server/auth/home';
import { changePassword } from '$lib/server/auth/users.service';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const user = requireUser(event);
  return { mustChange: user.mustChangePassword };
};

export const actions: Actions = {
  default: async (event) => {
    const user = requireUser(event);
    if (user.userId == null) return fail(403, { errors: { form: 'API 令牌不能修改密码' } });
    const form = await event.request.formData();
    const current = String(form.get('current') ?? '');
    const next = String(form.get('next') ?? '');
    const repeat = String(form.get('repeat') ?? '');
    if (next !== repeat) return fail(400, { errors: { repeat: '两次输入的新密码不一致' } });
    const errors = await changePassword(
      getDb(),
      { ...actorOf(user, event.getClientAddress()), userId: user.userId },
      current,
      next
    );
    if (Object.keys(errors).length) return fail(400, { errors });
    redirect(303, homeFor(user.roles));
  }
};
