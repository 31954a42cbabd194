import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newestFirst } from '../../src/operator/support-page/find-imports.js';
import { escapeHtml, html } from '../../src/operator/support-page/html.js';
import { safeNext } from '../../src/operator/support-page/login-page.js';
import { fromSameHost } from '../../src/operator/support-page/same-origin.js';
import type { ImportSummary } from '../../src/store/import-queries.js';

describe('escapeHtml', () => {
  it('when text has the five HTML-special characters, then each becomes its entity', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('when text has no special characters, then it is unchanged', () => {
    assert.equal(escapeHtml('WO-24-01873 gb 123 x é'), 'WO-24-01873 gb 123 x é');
  });

  it('when an entity is already in the text, then its ampersand is escaped again (shown as typed)', () => {
    assert.equal(escapeHtml('&lt;'), '&amp;lt;');
  });
});

describe('html template tag', () => {
  it('when a value is interpolated, then it is escaped, in content and in attributes', () => {
    const wo = '<script>x</script>';
    const attack = '" onmouseover="alert(1)';
    assert.equal(
      html`<td title="${attack}">${wo}</td>`.markup,
      '<td title="&quot; onmouseover=&quot;alert(1)">&lt;script&gt;x&lt;/script&gt;</td>',
    );
  });

  it('when markup built by html is nested, then it is kept as markup, not escaped twice', () => {
    const inner = html`<b>${'a&b'}</b>`;
    assert.equal(html`<p>${inner}</p>`.markup, '<p><b>a&amp;b</b></p>');
  });

  it('when a list, a number, null or undefined is interpolated, then the list is joined and null is empty', () => {
    assert.equal(html`${['<', html`<i>a</i>`, 3]}|${null}|${undefined}`.markup, '&lt;<i>a</i>3||');
  });
});

describe('fromSameHost (CSRF check)', () => {
  it('when the Origin names the same host and port, then the post passes', () => {
    assert.equal(fromSameHost('http://127.0.0.1:3000', '127.0.0.1:3000'), true);
    assert.equal(fromSameHost('https://support.example.nl/support/imports/1', 'support.example.nl'), true);
  });

  it('when the Origin names another host or port, then the post is refused', () => {
    assert.equal(fromSameHost('https://evil.example', 'support.example.nl'), false);
    assert.equal(fromSameHost('http://127.0.0.1:3001', '127.0.0.1:3000'), false);
  });

  it('when the Origin is "null" or not a URL, then the post is refused', () => {
    assert.equal(fromSameHost('null', '127.0.0.1:3000'), false);
    assert.equal(fromSameHost('not a url', '127.0.0.1:3000'), false);
  });

  it('when the browser sends neither Origin nor Referer, then the post passes (the SameSite cookie guards it)', () => {
    assert.equal(fromSameHost(undefined, '127.0.0.1:3000'), true);
  });
});

describe('safeNext (where sign-in returns to)', () => {
  it('when it is a support page, then sign-in returns there', () => {
    assert.equal(safeNext('/support/imports/imp_1?retry=started'), '/support/imports/imp_1?retry=started');
    assert.equal(safeNext('/support'), '/support');
  });

  it('when it is anywhere else, then sign-in returns to the support page', () => {
    for (const next of ['//evil.example/support', 'https://evil.example', '/supportx', '/api/v1/imports', 42]) {
      assert.equal(safeNext(next), '/support');
    }
  });
});

describe('newestFirst (merging the WO, registration and DMS number searches)', () => {
  const record = (id: string, receivedAt: string) => ({ _id: id, receivedAt: new Date(receivedAt) }) as ImportSummary;

  it('when the same import is found by two searches, then it is listed once, newest received first', () => {
    const merged = newestFirst(
      [
        [record('b', '2027-02-03T10:00:00Z'), record('a', '2027-02-01T10:00:00Z')],
        [record('c', '2027-02-02T10:00:00Z'), record('b', '2027-02-03T10:00:00Z')],
      ],
      10,
    );
    assert.deepEqual(
      merged.items.map((item) => item._id),
      ['b', 'c', 'a'],
    );
    assert.equal(merged.more, false);
  });

  it('when more are found than shown, then the newest are kept and more is said', () => {
    const merged = newestFirst([[record('a', '2027-02-01T10:00:00Z')], [record('b', '2027-02-02T10:00:00Z')]], 1);
    assert.deepEqual(
      merged.items.map((item) => item._id),
      ['b'],
    );
    assert.equal(merged.more, true);
  });
});
