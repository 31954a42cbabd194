import { html } from './html.js';
import { page } from './layout.js';

/** Where to go after signing in: only a support page or the Web UI (`/temporal`) of this site, never elsewhere. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?:support|temporal)(?:[/?]|$)/.test(next) ? next : '/support';
}

/** The sign-in form: one operator token, as given to support by the on-call lead. */
export function loginPage(options: { next?: string; error?: string } = {}): string {
  return page({
    title: 'Sign in',
    ...(options.error === undefined ? {} : { notice: { kind: 'error' as const, text: options.error } }),
    body: html`<form method="post" action="/support/login" class="search">
        <input type="hidden" name="next" value="${safeNext(options.next)}" />
        <div class="field">
          <label for="token">Operator token</label>
          <input id="token" name="token" type="password" autocomplete="current-password" required />
        </div>
        <button type="submit">Sign in</button>
      </form>
      <p class="hint">
        Use the operator token you were given for support; it stays in this browser until you sign out.
      </p>`,
  });
}
