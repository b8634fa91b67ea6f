import { redirect } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/server/auth/identity';
import { requireUser } from '$lib/server/auth/guard';
import { signOut } from '$lib/server/auth/sessions.service';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

// Sign-out is a POST (a form button), so a link or an image cannot sign anyone out.
export const load: PageServerLoad = async () => redirect(303, '/');

export const actions: Actions = {
  default: async (event) => {
    const user = requireUser(event);
    if (event.locals.sessionToken) {
      await signOut(getDb(), event.locals.sessionToken, {
        userId: user.userId,
        login: user.login,
        roles: user.roles,
        ip: event.getClientAddress()
      });
    }
    event.cookies.delete(SESSION_COOKIE, { path: '/' });
    redirect(303, '/login');
  }
};
