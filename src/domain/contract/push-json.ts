/**
 * Reads a push body's text as JSON the way the receiver reads it on arrival: a leading byte order mark is not part
 * of the JSON. Every reader of a body, on receipt, in the workflow and on a support retry, goes through here.
 */
export function parsePushJson(text: string): unknown {
  return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown;
}
