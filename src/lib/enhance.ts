import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance` for a form whose fields are bound to state: `setBusy(true)` while it is sent
 * (to disable its button), and the page updated without resetting the form, so that what
 * was typed is still there when the server answers with errors.
 */
export function keepTypedWhileBusy(setBusy: (busy: boolean) => void): SubmitFunction {
  return () => {
    setBusy(true);
    return async ({ update }) => {
      await update({ reset: false });
      setBusy(false);
    };
  };
}
