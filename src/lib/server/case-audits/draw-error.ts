/** A request about plans and draws the user can fix (shown in Chinese); anything else is a bug. */
export class DrawError extends Error {
  override name = 'DrawError';
}
