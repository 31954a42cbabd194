import assert from 'node:assert/strict';

/**
 * Signs in on the support page over HTTP, as the sign-in form does, and returns the `Cookie` header of the new
 * session (`claire_session=<id>`), for tests that open pages without a browser.
 */
export async function signInCookie(operatorUrl: string, token: string, headers: Record<string, string> = {}) {
  const answer = await fetch(`${operatorUrl}/support/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: operatorUrl, ...headers },
    body: new URLSearchParams({ token, next: '/support' }).toString(),
    redirect: 'manual',
  });
  assert.equal(answer.status, 303, `sign-in answered ${answer.status}`);
  const session = answer.headers.getSetCookie().find((cookie) => cookie.startsWith('claire_session='));
  assert.ok(session, 'sign-in set the session cookie');
  return { cookie: session.split(';')[0] ?? '', setCookie: session };
}
