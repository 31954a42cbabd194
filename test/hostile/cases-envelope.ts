import type { HostileCase } from './hostile-case.js';
import { caseKeys, hostilePush, paddedTo } from './hostile-push.js';

const MiB = 1024 * 1024;
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));
/** A valid push with bytes spliced into the value of its woNumber. */
const withBytesInWoNumber = (tag: string, inserted: number[]) => {
  const [before = '', after = ''] = hostilePush(tag).split(`WO-${tag}`);
  return bytes(before, 'WO-', inserted, after);
};
/** Pads a push with newlines between its last member and its closing brace until it is `size` bytes. */
const blankPaddedTo = (size: number, json: string) => `${json.slice(0, -1)}${'\n'.repeat(size - json.length)}}`;
const refused = (status: number, code: string) => ({ refused: status, code });
const imported = (tag: string) => ({ imported: { dmsNumber: caseKeys(tag).dmsNumber } });

/** Content type, size, encoding and JSON syntax: what the receiver refuses before it reads a single field. */
export const envelopeCases: readonly HostileCase[] = [
  {
    name: 'the body is sent as text/plain',
    tag: 'ct-text',
    request: { body: hostilePush('ct-text'), contentType: 'text/plain' },
    expected: refused(415, 'unsupported_media_type'),
  },
  {
    name: 'the request has no Content-Type at all',
    tag: 'ct-none',
    request: { body: hostilePush('ct-none'), contentType: null },
    expected: refused(415, 'unsupported_media_type'),
  },
  {
    name: 'the body is a form, application/x-www-form-urlencoded',
    tag: 'ct-form',
    request: { body: 'appointment[dmsNumber]=H-ct-form', contentType: 'application/x-www-form-urlencoded' },
    expected: refused(415, 'unsupported_media_type'),
  },
  {
    name: 'the JSON declares charset=latin1',
    tag: 'cs-latin1',
    request: { body: hostilePush('cs-latin1'), contentType: 'application/json; charset=latin1' },
    expected: refused(415, 'unsupported_media_type'),
  },
  {
    name: 'the JSON is UTF-16 and says so',
    tag: 'cs-utf16',
    request: { body: Buffer.from(hostilePush('cs-utf16'), 'utf16le'), contentType: 'application/json; charset=utf-16' },
    expected: refused(415, 'unsupported_media_type'),
  },
  {
    name: 'the charset is written UTF-8 in capitals',
    tag: 'cs-caps',
    request: { body: hostilePush('cs-caps'), contentType: 'application/json; charset=UTF-8' },
    expected: imported('cs-caps'),
  },
  {
    name: 'the body is 2 MiB',
    tag: 'size-2mib',
    request: { body: paddedTo(2 * MiB, hostilePush('size-2mib')) },
    expected: refused(413, 'body_too_large'),
  },
  {
    name: 'the body is 2 MiB, chunked, without Content-Length',
    tag: 'size-chunked',
    request: { body: paddedTo(2 * MiB, hostilePush('size-chunked')), chunked: true },
    expected: refused(413, 'body_too_large'),
  },
  {
    name: 'the body is one byte over 1 MiB',
    tag: 'size-over',
    request: { body: paddedTo(MiB + 1, hostilePush('size-over')) },
    expected: refused(413, 'body_too_large'),
  },
  {
    name: 'the body is exactly 1 MiB',
    tag: 'size-limit',
    request: { body: paddedTo(MiB, hostilePush('size-limit')) },
    expected: imported('size-limit'),
  },
  {
    name: 'the body is 1 MiB of which nearly all is JSON whitespace (every byte escaped once carried as a string)',
    tag: 'size-blank',
    request: { body: blankPaddedTo(MiB, hostilePush('size-blank')) },
    expected: imported('size-blank'),
  },
  {
    name: 'the body ends before the announced Content-Length and the client hangs up',
    tag: 'cut-socket',
    request: { body: hostilePush('cut-socket'), closeAfterBytes: 40 },
    expected: refused(400, 'body_incomplete'),
  },
  {
    name: 'the body is empty',
    tag: 'empty',
    request: { body: '' },
    expected: refused(400, 'invalid_json'),
  },
  {
    name: 'the JSON is cut off in the middle',
    tag: 'truncated',
    request: { body: hostilePush('truncated').slice(0, 120) },
    expected: refused(400, 'invalid_json'),
  },
  {
    name: 'the JSON uses single quotes',
    tag: 'quotes',
    request: { body: hostilePush('quotes').replaceAll('"', "'") },
    expected: refused(400, 'invalid_json'),
  },
  {
    name: 'the JSON has a trailing comma',
    tag: 'comma',
    request: { body: hostilePush('comma').replace(/}$/, ',}') },
    expected: refused(400, 'invalid_json'),
  },
  {
    name: 'the JSON holds NaN',
    tag: 'nan',
    request: {
      body: hostilePush('nan', ({ prices }) => {
        prices['exclVat'] = 'NAN-HERE';
      }).replace('"NAN-HERE"', 'NaN'),
    },
    expected: refused(400, 'invalid_json'),
  },
  {
    name: 'the JSON has a comment',
    tag: 'comment',
    request: { body: `// Carsys\n${hostilePush('comment')}` },
    expected: refused(400, 'invalid_json'),
  },
  {
    name: 'the body is two JSON objects one after the other',
    tag: 'two-objects',
    request: { body: `${hostilePush('two-objects')}${hostilePush('two-objects-b')}` },
    expected: refused(400, 'invalid_json'),
  },
  {
    name: 'the body is 100 000 unclosed [',
    tag: 'unclosed',
    request: { body: '['.repeat(100_000) },
    expected: refused(400, 'invalid_json'),
  },
  {
    name: 'a string holds a lone UTF-8 continuation byte',
    tag: 'utf8-lone',
    request: { body: withBytesInWoNumber('utf8-lone', [0x80]) },
    expected: refused(400, 'invalid_encoding'),
  },
  {
    name: 'a string holds an overlong UTF-8 encoding of "/"',
    tag: 'utf8-overlong',
    request: { body: withBytesInWoNumber('utf8-overlong', [0xc0, 0xaf]) },
    expected: refused(400, 'invalid_encoding'),
  },
  {
    name: 'a string holds a UTF-16 surrogate written as UTF-8',
    tag: 'utf8-surrogate',
    request: { body: withBytesInWoNumber('utf8-surrogate', [0xed, 0xa0, 0x80]) },
    expected: refused(400, 'invalid_encoding'),
  },
  {
    name: 'the body is Latin-1 sent as UTF-8 (a bare é byte)',
    tag: 'utf8-latin1',
    request: { body: withBytesInWoNumber('utf8-latin1', [0xe9]) },
    expected: refused(400, 'invalid_encoding'),
  },
  {
    name: 'the body starts with a UTF-8 byte order mark',
    tag: 'bom',
    request: { body: bytes([0xef, 0xbb, 0xbf], hostilePush('bom')) },
    expected: imported('bom'),
  },
  { name: 'the body is null', tag: 'null', request: { body: 'null' }, expected: refused(400, 'not_an_object') },
  {
    name: 'the body is a JSON string',
    tag: 'string',
    request: { body: JSON.stringify(hostilePush('string')) },
    expected: refused(400, 'not_an_object'),
  },
  {
    name: 'the body is a JSON number',
    tag: 'number',
    request: { body: '184467' },
    expected: refused(400, 'not_an_object'),
  },
  { name: 'the body is true', tag: 'true', request: { body: 'true' }, expected: refused(400, 'not_an_object') },
  {
    name: 'the body is an array holding a valid push',
    tag: 'array',
    request: { body: `[${hostilePush('array')}]` },
    expected: refused(400, 'not_an_object'),
  },
  {
    name: 'the body is 5 000 levels of [ ]',
    tag: 'deep-top',
    request: { body: `${'['.repeat(5000)}${']'.repeat(5000)}` },
    expected: refused(400, 'not_an_object'),
  },
];
