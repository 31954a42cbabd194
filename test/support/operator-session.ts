import assert from 'node:assert/strict';

/**
 * Signs in on the support page over HTTP, as the sign-in form does, and returns the `Cookie` header sign-in gave
 * (`name=value`) with the whole `Set-Cookie` line, for tests that open pages without a browser.
 */
export async function signInCookie(
  operatorUrl: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<{ cookie: string; setCookie: string }> {
  const answer = await fetch(`${operatorUrl}/support/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: operatorUrl, ...headers },
    body: new URLSearchParams({ token, next: '/support' }).toString(),
    redirect: 'manual',
  });
  assert.equal(answer.status, 303, `sign-in answered ${answer.status}`);
  // Sign-in may also clear a cookie (an expiry in 1970); the one it sets is the other.
  const setCookie = answer.headers.getSetCookie().find((line) => !/expires=[^;]*1970/i.test(line));
  assert.ok(setCookie, 'sign-in set a cookie');
  return { cookie: setCookie.split(';')[0] ?? '', setCookie };
}
