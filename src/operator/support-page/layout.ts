import type { SignedInOperator } from '../operator-auth.js';
import { html, type HtmlValue, type SafeHtml } from './html.js';

export type Notice = Readonly<{ kind: 'info' | 'error'; text: string }>;

export type PageOptions = Readonly<{
  title: string;
  body: HtmlValue;
  operator?: SignedInOperator | undefined;
  notice?: Notice | undefined;
}>;

function signedInAs(operator: SignedInOperator): SafeHtml {
  return html`<div class="signed-in">
    <span>Signed in as <strong>${operator.name}</strong> (${operator.scopes.join(', ')})</span>
    <form method="post" action="/support/logout"><button type="submit">Sign out</button></form>
  </div>`;
}

function noticeBox(notice: Notice): SafeHtml {
  return notice.kind === 'error'
    ? html`<p class="notice notice-error" role="alert"><strong>Error:</strong> ${notice.text}</p>`
    : html`<p class="notice notice-info" role="status">${notice.text}</p>`;
}

/** The frame of every support page: one heading per page, a skip link, no script. */
export function page(options: PageOptions): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · Carsys imports</title>
        <link rel="stylesheet" href="/support/style.css" />
      </head>
      <body>
        <a class="skip" href="#main">Skip to the content</a>
        <header class="top">
          <a class="brand" href="/support">Carsys imports · support</a>
          ${options.operator === undefined ? '' : signedInAs(options.operator)}
        </header>
        <main id="main">
          <h1>${options.title}</h1>
          ${options.notice === undefined ? '' : noticeBox(options.notice)} ${options.body}
        </main>
      </body>
    </html> `.markup;
}
