/**
 * Compares the request an app received with the Lambda event it came from.
 * The corpus tests use these checks on every HTTP event of the corpus.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { isJsonObject, type JsonObject } from './conformance';
import type { EventKind } from './manifest';

export const PAYLOAD_V2_KINDS: ReadonlySet<EventKind> = new Set<EventKind>(['apigw-v2', 'function-url']);
export const ALB_KINDS: ReadonlySet<EventKind> = new Set<EventKind>(['alb', 'alb-multi']);

/**
 * Fields whose duplicates Node's HTTP parser discards, keeping the first value
 * (Node 20 documentation of `message.headers`).
 */
export const SINGLE_VALUE_FIELDS: ReadonlySet<string> = new Set([
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

/** What the recording app saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  query: unknown;
  body: Buffer;
}

/**
 * Collects the header values of the event by lower-case name. REST and ALB
 * events may carry `headers`, `multiValueHeaders` or both; the values of both
 * maps are kept. Payload 2.0 events carry `headers` only.
 */
export function collectEventHeaders(event: JsonObject): Map<string, string[]> {
  const valuesByName = new Map<string, string[]>();
  const add = (name: string, value: unknown): void => {
    const key = name.toLowerCase();
    const values = valuesByName.get(key) ?? [];
    values.push(String(value));
    valuesByName.set(key, values);
  };

  const multiValueHeaders = event['multiValueHeaders'];
  if (isJsonObject(multiValueHeaders)) {
    for (const [name, values] of Object.entries(multiValueHeaders)) {
      for (const value of Array.isArray(values) ? values : [values]) add(name, value);
    }
  }
  const headers = event['headers'];
  if (isJsonObject(headers)) {
    for (const [name, value] of Object.entries(headers)) add(name, value);
  }

  return valuesByName;
}

/** Lists each event header value that did not reach the app, as `name: value (app saw ...)`. */
export function findMissingHeaderValues(event: JsonObject, seen: SeenRequest): string[] {
  const missing: string[] = [];

  for (const [name, eventValues] of collectEventHeaders(event)) {
    // The adapter computes content-length from the body, and transfer-encoding
    // never reaches the app; both have their own tests.
    if (name === 'content-length' || name === 'transfer-encoding') continue;

    const seenValue = seen.headers[name];
    for (const eventValue of new Set(eventValues)) {
      if (!headerValueReached(name, eventValue, eventValues, seenValue)) {
        missing.push(`${name}: ${JSON.stringify(eventValue)} (app saw ${JSON.stringify(seenValue)})`);
      }
    }
  }

  return missing;
}

/**
 * Returns whether one event value of a header reached the app. Node keeps the
 * first value of a single-value field, so there the app's value must be one of
 * the event's values. Node joins the values of other fields (`cookie` with
 * `; `, the rest with `, `), so there the event value must be contained in
 * what the app saw.
 */
function headerValueReached(
  name: string,
  eventValue: string,
  allEventValues: string[],
  seenValue: string | string[] | undefined,
): boolean {
  if (SINGLE_VALUE_FIELDS.has(name)) {
    return typeof seenValue === 'string' && allEventValues.includes(seenValue);
  }
  if (Array.isArray(seenValue)) return seenValue.includes(eventValue);
  return typeof seenValue === 'string' && seenValue.includes(eventValue);
}

/**
 * Returns the query pairs that the app should see, decoded:
 * - payload 2.0: `rawQueryString` parsed with URLSearchParams;
 * - REST: `multiValueQueryStringParameters` when it has entries, else
 *   `queryStringParameters`, whose values API Gateway has already decoded;
 * - ALB: the same maps, but ALB leaves the values percent-encoded, so they
 *   are decoded here with `+` as space.
 */
export function expectedQueryPairs(kind: EventKind, event: JsonObject): Array<[string, string]> {
  if (PAYLOAD_V2_KINDS.has(kind)) {
    const rawQueryString = event['rawQueryString'];
    return [...new URLSearchParams(typeof rawQueryString === 'string' ? rawQueryString : '')];
  }

  const multiValue = event['multiValueQueryStringParameters'];
  const singleValue = event['queryStringParameters'];
  const pairs: Array<[string, string]> = [];
  if (isJsonObject(multiValue) && Object.keys(multiValue).length > 0) {
    for (const [name, values] of Object.entries(multiValue)) {
      for (const value of Array.isArray(values) ? values : [values]) pairs.push([name, String(value)]);
    }
  } else if (isJsonObject(singleValue)) {
    for (const [name, value] of Object.entries(singleValue)) pairs.push([name, String(value)]);
  }

  if (!ALB_KINDS.has(kind)) return pairs;
  const encoded = pairs.map(([name, value]) => `${name}=${value}`).join('&');
  return [...new URLSearchParams(encoded)];
}

/** Lists each expected query pair that is not in the app's parsed query. */
export function findMissingQueryPairs(kind: EventKind, event: JsonObject, seen: SeenRequest): string[] {
  const query = isJsonObject(seen.query) ? seen.query : {};
  const missing: string[] = [];

  for (const [name, value] of expectedQueryPairs(kind, event)) {
    const seenValue = query[name];
    const reached = Array.isArray(seenValue) ? seenValue.includes(value) : seenValue === value;
    if (!reached) {
      missing.push(`${name}=${JSON.stringify(value)} (app saw ${JSON.stringify(seenValue)})`);
    }
  }

  return missing;
}

/** Returns the body bytes the event carries: base64-decoded when `isBase64Encoded` is true. */
export function eventBodyBytes(event: JsonObject): Buffer {
  const body = event['body'];
  if (typeof body !== 'string') return Buffer.alloc(0);
  return event['isBase64Encoded'] === true ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
}

