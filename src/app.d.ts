// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Identity } from '$lib/server/auth/identity';

declare global {
  namespace App {
    interface Error {
      message: string;
      code?: string;
    }
    interface Locals {
      /** Resolved in hooks.server.ts from the session cookie or a bearer token. */
      user: Identity | null;
      /** The raw session secret, to sign out. */
      sessionToken: string | null;
    }
    // interface PageData {}
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
