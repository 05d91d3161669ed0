/**
 * Steps that several source modules share: reading event fields with type
 * checks, assembling the request header list, and encoding the result body.
 */
import { isIP } from 'node:net';
import { decodeBase64Body, type IsBinaryPredicate } from '../body.js';
import { InvalidHeaderError, MalformedEventError, TooManyHeadersError } from '../errors.js';
import type { ResponseSnapshot } from './types.js';

/** An event field that may be absent; the event is only ever read. */
export type EventRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is EventRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a required string field. */
export function readString(record: EventRecord, key: string, source: string, field = key): string {
  const value = record[key];
  if (typeof value !== 'string') throw new MalformedEventError(source, field, 'a string', value);
  return value;
}

// RFC 9110 section 5.6.2: a method and a field name are tokens.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// A line break or NUL would let a value split into another header field.
const UNSAFE_VALUE = /[\r\n\0]/;

/** Reads a request method, which must be an HTTP token such as `GET`. */
export function readMethod(record: EventRecord, key: string, source: string, field = key): string {
  const method = readString(record, key, source, field);
  if (!TOKEN.test(method)) throw new MalformedEventError(source, field, 'an HTTP method token such as "GET"', method);
  return method;
}

/** Reads a path, which must start with `/`. */
export function readPath(record: EventRecord, key: string, source: string, field = key): string {
  const path = readString(record, key, source, field);
  if (path.charCodeAt(0) !== 0x2f /* / */) throw new MalformedEventError(source, field, 'a path starting with "/"', path);
  return path;
}

/**
 * Returns `address` when it is an IPv4 or IPv6 address, else `undefined`:
 * apps log and rate-limit by `req.socket.remoteAddress`, so text that is not
 * an address must not reach it.
 */
export function ipAddressOrUndefined(address: string | undefined): string | undefined {
  return address !== undefined && isIP(address) !== 0 ? address : undefined;
}

/** Reads an optional string field; `null` and absent both mean `undefined`. */
export function readOptionalString(record: EventRecord, key: string, source: string, field = key): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new MalformedEventError(source, field, 'a string', value);
  return value;
}

/** Reads an optional object field; `null` and absent both mean `undefined`. */
export function readOptionalRecord(
  record: EventRecord,
  key: string,
  source: string,
  field = key,
): EventRecord | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new MalformedEventError(source, field, 'an object', value);
  return value;
}

/** Reads a map of strings, such as `headers` or `queryStringParameters`. */
export function readStringMap(
  record: EventRecord,
  key: string,
  source: string,
): Readonly<Record<string, string>> | undefined {
  const map = readOptionalRecord(record, key, source);
  if (map === undefined) return undefined;
  for (const name in map) {
    if (typeof map[name] !== 'string') {
      throw new MalformedEventError(source, `${key}.${name}`, 'a string', map[name]);
    }
  }
  return map as Readonly<Record<string, string>>;
}

/** Reads a map of string lists, such as `multiValueHeaders`. */
export function readStringListMap(
  record: EventRecord,
  key: string,
  source: string,
): Readonly<Record<string, readonly string[]>> | undefined {
  const map = readOptionalRecord(record, key, source);
  if (map === undefined) return undefined;
  for (const name in map) {
    const values = map[name];
    if (!Array.isArray(values)) {
      throw new MalformedEventError(source, `${key}.${name}`, 'an array of strings', values);
    }
    for (const value of values) {
      if (typeof value !== 'string') {
        throw new MalformedEventError(source, `${key}.${name}`, 'an array of strings', values);
      }
    }
  }
  return map as Readonly<Record<string, readonly string[]>>;
}

/**
 * Reads an optional map of strings, such as `pathParameters`, into a `Map`;
 * an absent or `null` field gives an empty map.
 */
export function readStringMapAsMap(record: EventRecord, key: string, source: string): Map<string, string> {
  const map = readStringMap(record, key, source);
  const result = new Map<string, string>();
  for (const name in map) result.set(name, map[name]!);
  return result;
}

/** Reads the body field and decodes it; `undefined` when the event has no body. */
export function readBody(event: EventRecord, source: string): Buffer | undefined {
  const body = readOptionalString(event, 'body', source);
  if (body === undefined) return undefined;
  const base64 = event['isBase64Encoded'];
  if (base64 !== undefined && base64 !== null && typeof base64 !== 'boolean') {
    throw new MalformedEventError(source, 'isBase64Encoded', 'a boolean', base64);
  }
  return base64 === true ? decodeBase64Body(body) : Buffer.from(body, 'utf8');
}

/**
 * Collects the request header fields into a flat name/value list.
 * `multiValueHeaders` is the source of truth; a name found only in `headers`
 * is added, because REST and ALB events carry the same fields in both maps.
 */
export function collectHeaders(
  multiValueHeaders: Readonly<Record<string, readonly string[]>> | undefined,
  headers: Readonly<Record<string, string>> | undefined,
): string[] {
  const raw: string[] = [];
  if (multiValueHeaders !== undefined) {
    for (const name in multiValueHeaders) {
      for (const value of multiValueHeaders[name]!) raw.push(name, value);
    }
  }
  if (headers === undefined) return raw;
  if (raw.length === 0) {
    for (const name in headers) raw.push(name, headers[name]!);
    return raw;
  }
  // Both maps usually spell a name the same way, so an exact lookup settles
  // most names; the lower-case set is built only for the rest.
  let lowerNames: Set<string> | undefined;
  for (const name in headers) {
    if (Object.hasOwn(multiValueHeaders!, name)) continue;
    if (lowerNames === undefined) {
      lowerNames = new Set();
      for (let i = 0; i < raw.length; i += 2) lowerNames.add(raw[i]!.toLowerCase());
    }
    if (!lowerNames.has(name.toLowerCase())) raw.push(name, headers[name]!);
  }
  return raw;
}

export interface HeaderCompletion {
  /** The decoded body, or `undefined` when the event has no body field. */
  readonly body: Buffer | undefined;
  /** The service's domain name, used for `host` when the event has no such header. */
  readonly domainName: string | undefined;
  /** The scheme the client used, for `x-forwarded-proto` when the event has none. */
  readonly protocol: string;
  readonly maxHeaderCount: number;
}

/**
 * Applies the rules that hold for every source to a collected header list,
 * in place:
 * - `content-length` is recomputed from the decoded body whenever the event
 *   has a body field, and removed when it has none, so the app never waits
 *   for bytes that do not exist;
 * - `transfer-encoding` is removed, because the body is complete;
 * - `host` and `x-forwarded-proto` are added when missing and the event names
 *   a domain.
 */
export function completeHeaders(raw: string[], completion: HeaderCompletion): string[] {
  if (raw.length / 2 > completion.maxHeaderCount) {
    throw new TooManyHeadersError(raw.length / 2, completion.maxHeaderCount);
  }
  let hasHost = false;
  let hasProto = false;
  let write = 0;
  for (let read = 0; read < raw.length; read += 2) {
    const name = raw[read]!;
    if (!TOKEN.test(name)) throw new InvalidHeaderError('name', name);
    if (UNSAFE_VALUE.test(raw[read + 1]!)) throw new InvalidHeaderError('value', name);
    // Only names of these lengths can match, which spares most lower-casing.
    switch (name.length) {
      case 4:
        if (name.toLowerCase() === 'host') hasHost = true;
        break;
      case 14:
        if (name.toLowerCase() === 'content-length') continue;
        break;
      case 17: {
        const lower = name.toLowerCase();
        if (lower === 'transfer-encoding') continue;
        if (lower === 'x-forwarded-proto') hasProto = true;
        break;
      }
    }
    raw[write] = name;
    raw[write + 1] = raw[read + 1]!;
    write += 2;
  }
  raw.length = write;
  if (completion.domainName !== undefined) {
    if (!hasHost) raw.push('host', completion.domainName);
    if (!hasProto) raw.push('x-forwarded-proto', completion.protocol);
  }
  if (completion.body !== undefined) raw.push('content-length', String(completion.body.length));
  return raw;
}

/** Finds the first value of a header in a flat name/value list, by lower-case name. */
export function findHeader(raw: readonly string[], lowerName: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === lowerName.length && name.toLowerCase() === lowerName) return raw[i + 1];
  }
  return undefined;
}

/** The body fields of a result: a string, and whether it is base64. */
export interface ResultBody {
  body: string;
  isBase64Encoded: boolean;
}

/** Encodes a response body as text or base64, as the predicate decides. */
export function encodeResultBody(response: ResponseSnapshot, isBinary: IsBinaryPredicate): ResultBody {
  if (response.body.length === 0) return { body: '', isBase64Encoded: false };
  let contentType: string | undefined;
  let contentEncoding: string | undefined;
  for (const [name, values] of response.headers) {
    if (name === 'content-type') contentType = values[0];
    else if (name === 'content-encoding') contentEncoding = values.join(', ');
  }
  if (isBinary({ contentType, contentEncoding, body: response.body })) {
    return { body: response.body.toString('base64'), isBase64Encoded: true };
  }
  return { body: response.body.toString('utf8'), isBase64Encoded: false };
}

/** Builds a `multiValueHeaders` result map. */
export function toMultiValueHeaders(response: ResponseSnapshot): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, values] of response.headers) result[name] = values.slice();
  return result;
}
