import { fail } from '@sveltejs/kit';
import { isRole, type Role } from '$lib/roles';
import { actorOf } from '$lib/server/auth/actor';
import { createApiToken, revokeApiToken } from '$lib/server/auth/api-tokens.service';
import { requireRole } from '$lib/server/auth/guard';
import { listApiTokens, listUsers } from '$lib/server/auth/users.repository';
import { createUser, resetPassword, updateUserAccess, ValidationError } from '$lib/server/auth/users.service';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event, 'admin');
  const [users, tokens] = await Promise.all([listUsers(getDb()), listApiTokens(getDb())]);
  return { users, tokens };
};

const list = (value: FormDataEntryValue | null) =>
  String(value ?? '')
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export const actions: Actions = {
  create: async (event) => {
    const admin = requireRole(event, 'admin');
    const form = await event.request.formData();
    const values = {
      login: String(form.get('login') ?? '').trim(),
      displayName: String(form.get('displayName') ?? '').trim(),
      roles: form.getAll('roles').map(String).filter(isRole) as Role[],
      sectionCodes: list(form.get('sectionCodes')),
      staffNo: String(form.get('staffNo') ?? '').trim() || null,
      firmCode: String(form.get('firmCode') ?? '').trim() || null
    };
    try {
      const { oneTimePassword } = await createUser(getDb(), actorOf(admin, event.getClientAddress()), values);
      return { created: { login: values.login, oneTimePassword } };
    } catch (error) {
      if (error instanceof ValidationError) return fail(400, { values, errors: error.fields });
      throw error;
    }
  },
  access: async (event) => {
    const admin = requireRole(event, 'admin');
    const form = await event.request.formData();
    const userId = Number(form.get('userId'));
    const active = form.get('active') === 'true';
    if (userId === admin.userId && !active) return fail(400, { errors: { form: '不能停用自己的账号' } });
    await updateUserAccess(getDb(), actorOf(admin, event.getClientAddress()), userId, { active });
    return { updated: userId };
  },
  reset: async (event) => {
    const admin = requireRole(event, 'admin');
    const form = await event.request.formData();
    const userId = Number(form.get('userId'));
    const password = await resetPassword(getDb(), actorOf(admin, event.getClientAddress()), userId);
    return { reset: { userId, oneTimePassword: password } };
  },
  createToken: async (event) => {
    const admin = requireRole(event, 'admin');
    const name = String((await event.request.formData()).get('name') ?? '').trim();
    if (!/^[\p{L}\p{N}._-]{2,40}$/u.test(name)) {
      return fail(400, { errors: { tokenName: '令牌名称为 2–40 个字符（字母、数字、. _ -）' } });
    }
    const { token } = await createApiToken(getDb(), actorOf(admin, event.getClientAddress()), name);
    return { token: { name, token } };
  },
  revokeToken: async (event) => {
    const admin = requireRole(event, 'admin');
    const id = Number((await event.request.formData()).get('tokenId'));
    await revokeApiToken(getDb(), actorOf(admin, event.getClientAddress()), id);
    return { revoked: id };
  }
};
