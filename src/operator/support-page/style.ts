import type { Request, Response } from 'express';

/** The only stylesheet of the support pages: small, served from here, no inline styles (the CSP forbids them). */
export const stylesheet = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0550ae; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
.skip { position: absolute; left: -999px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .25rem .5rem; }
.top { display: flex; flex-wrap: wrap; gap: 1rem; justify-content: space-between; align-items: center;
  padding: .75rem 1.5rem; border-bottom: 1px solid var(--line); background: #f6f8fa; }
.brand { font-weight: 600; text-decoration: none; }
.signed-in { display: flex; gap: .75rem; align-items: center; }
.signed-in form { margin: 0; }
main { padding: 1rem 1.5rem 3rem; max-width: 80rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; }
form.search, form.filters { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: flex-end; margin: 0 0 1rem; }
.field { display: flex; flex-direction: column; gap: .2rem; }
.field label { font-weight: 600; font-size: .9rem; }
input, select, button { font: inherit; padding: .35rem .55rem; border: 1px solid #8c959f; border-radius: 4px; }
input[type=search], input[type=text], input[type=password] { min-width: 16rem; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
.hint { color: var(--muted); font-size: .9rem; margin: .25rem 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
thead th { background: #f6f8fa; }
tbody th { font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.5rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.status { display: inline-block; padding: 0 .45rem; border-radius: 3px; border: 1px solid; font-weight: 600;
  white-space: nowrap; }
.status-imported { color: #116329; border-color: #116329; background: #dafbe1; }
.status-failed { color: #a40e26; border-color: #a40e26; background: #ffebe9; }
.status-accepted { color: #6f4e00; border-color: #6f4e00; background: #fff8c5; }
.status-skipped_duplicate, .status-skipped_stale, .status-skipped_work_started { color: #424a53;
  border-color: #424a53; background: #f6f8fa; }
.words { display: block; color: var(--muted); font-size: .9rem; }
.notice { padding: .6rem .8rem; border-left: 4px solid; margin: 0 0 1rem; }
.notice-info { border-color: var(--accent); background: #ddf4ff; }
.notice-error { border-color: #a40e26; background: #ffebe9; }
.alert { border: 2px solid #a40e26; background: #ffebe9; padding: .5rem 1rem; margin: 1rem 0; }
.alert h2, .quiet h2 { margin-top: .5rem; }
.quiet { border: 1px solid var(--line); padding: .5rem 1rem; margin: 1rem 0; }
.none { color: var(--muted); font-style: italic; }
.actions { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 1rem 0; }
.actions form { margin: 0; }
figure.chart { margin: 0 0 1rem; overflow-x: auto; }
figure.chart figcaption { color: var(--muted); padding: .25rem 0; }
figure.chart svg { max-width: 100%; height: auto; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { color: var(--muted); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; word-break: break-all; }
`;

export function serveStylesheet(_req: Request, res: Response): void {
  res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(stylesheet);
}
