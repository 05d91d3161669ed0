/**
 * The Node request the app receives: a plain `http.IncomingMessage` with the
 * whole body already pushed, so framework body parsers read it as a stream.
 *
 * It is a plain IncomingMessage, not a subclass, because Express replaces the
 * prototype of every request; all state is kept in own properties.
 */
import { IncomingMessage, type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import type { RequestParts } from '../sources/types.js';
import type { ExchangeSink } from './sink.js';
import { LambdaSocket } from './socket.js';

// Fields whose repeats Node drops, keeping the first value (Node's
// `IncomingMessage` rules; `joinDuplicateHeaders` is off by default).
const SINGLE_VALUE_FIELDS = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
]);

/**
 * Builds `req.headers` from a flat name/value list as Node does: lower-case
 * names, `set-cookie` as an array, `cookie` values joined with `; `, the
 * single-value fields keeping their first value, other repeats joined with `, `.
 */
export function toNodeHeaders(rawHeaders: readonly string[]): IncomingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    // Names such as `constructor` find a function on Object.prototype: only a
    // string or a list is an earlier value.
    const found = headers[name];
    const existing = typeof found === 'string' || Array.isArray(found) ? found : undefined;
    if (name === 'set-cookie') {
      if (existing === undefined) headers[name] = [value];
      else (existing as string[]).push(value);
    } else if (existing === undefined) {
      headers[name] = value;
    } else if (name === 'cookie') {
      headers[name] = `${existing as string}; ${value}`;
    } else if (!SINGLE_VALUE_FIELDS.has(name)) {
      headers[name] = `${existing as string}, ${value}`;
    }
  }
  return headers as IncomingHttpHeaders;
}

/** Creates the request for one invocation. */
export function createRequest(parts: RequestParts, sink: ExchangeSink): IncomingMessage {
  const socket = new LambdaSocket(parts.remoteAddress, parts.encrypted, sink);
  const req = new IncomingMessage(socket as unknown as Socket);
  req.method = parts.method;
  req.url = parts.url;
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.httpVersion = '1.1';
  req.rawHeaders = parts.rawHeaders;
  req.headers = toNodeHeaders(parts.rawHeaders);
  // The whole message is in hand, and `complete` lets on-finished and body parsers know it.
  req.complete = true;
  if (parts.body !== undefined && parts.body.length > 0) req.push(parts.body);
  req.push(null);
  return req;
}
