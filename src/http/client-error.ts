import type { Duplex } from 'node:stream';

type ClientError = Error & { code?: string };

function rawAnswer(status: string, code: string, message: string): string {
  const body = JSON.stringify({ error: { code, message } });
  return [
    `HTTP/1.1 ${status}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Answers requests that Node's HTTP parser refuses before Express sees them (a body cut short, broken headers) in
 * the contract's error format instead of Node's bare 400.
 */
export function answerClientError(error: ClientError, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const answer =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? rawAnswer('408 Request Timeout', 'request_timeout', 'The request was not received in time.')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? rawAnswer('431 Request Header Fields Too Large', 'headers_too_large', 'The request headers are too large.')
        : error.code?.includes('EOF') === true || error.code === 'HPE_INVALID_CONTENT_LENGTH'
          ? rawAnswer('400 Bad Request', 'body_incomplete', 'The body ended before its announced length.')
          : rawAnswer('400 Bad Request', 'malformed_request', 'The request is not valid HTTP.');
  // A client too slow to send its request may be as slow to close: after the answer the connection is ours to drop.
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') socket.end(answer, () => socket.destroy());
  else socket.end(answer);
}
