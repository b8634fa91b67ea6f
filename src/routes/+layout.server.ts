import type { LayoutServerLoad } from './$types';

// Only what the shell shows (name, roles). Permission checks are in each page's load,
// never here: a layout load does not rerun on every navigation.
export const load: LayoutServerLoad = async ({ locals }) => {
  const user = locals.user;
  return {
    user: user ? { displayName: user.displayName, login: user.login, roles: user.roles } : null
  };
};
