import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, html } from '../../src/operator/support-page/html.js';
import { safeNext } from '../../src/operator/support-page/login-page.js';
import { pageLinks, searchCaption, searchFilter } from '../../src/operator/support-page/search-filters.js';
import { fromSameHost } from '../../src/operator/support-page/same-origin.js';
import { importQuery } from '../../src/store/import-queries.js';

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

  it('when it is a page of the Web UI served at /temporal, then sign-in returns there', () => {
    assert.equal(safeNext('/temporal/namespaces/default/workflows'), '/temporal/namespaces/default/workflows');
  });

  it('when it is anywhere else, then sign-in returns to the support page', () => {
    for (const next of [
      '//evil.example/support',
      'https://evil.example',
      '/supportx',
      '/temporalx',
      '/api/v1/imports',
      42,
    ]) {
      assert.equal(safeNext(next), '/support');
    }
  });
});

describe('the search page filters', () => {
  const now = new Date('2026-12-03T12:00:00Z');

  it('when the one box is filled, then the import log is searched by WO, registration (normalised) or DMS number', () => {
    assert.deepEqual(importQuery(searchFilter({ q: 'gb 123 x' }, now)), {
      $or: [{ woNumber: 'gb 123 x' }, { registration: 'GB-123-X' }, { dmsNumber: 'gb 123 x' }],
    });
  });

  it('when garage, period, warning and status are chosen, then each narrows the query', () => {
    const filter = searchFilter(
      { garageId: 'g-1', period: '24h', warning: 'suspicious_date', status: 'imported' },
      now,
    );
    assert.deepEqual(importQuery(filter), {
      garageId: 'g-1',
      status: 'imported',
      'warnings.code': 'suspicious_date',
      receivedAt: { $gte: new Date('2026-12-02T12:00:00Z') },
    });
    assert.equal(
      searchCaption({ garageId: 'g-1', period: '7d', warning: 'suspicious_date' }, 3, true),
      'The newest imports, garage g-1, received in the last 7 days, warning suspicious_date, newest first: 3 shown.',
    );
  });

  it('when there is a next page, then its link keeps every filter and adds the cursor; a later page links back', () => {
    const search = { q: 'WO 1', garageId: 'g&1', period: '7d' as const };
    assert.equal(
      String(pageLinks(search, 'abc')),
      '<nav class="actions" aria-label="Pages of results"> <a href="/support?q=WO+1&amp;garageId=g%261&amp;period=7d&amp;cursor=abc" rel="next">Next page</a></nav>',
    );
    assert.match(
      String(pageLinks({ ...search, cursor: 'abc' }, null)),
      /<a href="\/support\?q=WO\+1&amp;garageId=g%261&amp;period=7d">First page<\/a>/,
    );
    assert.equal(pageLinks({}, null), '');
  });
});
