/**
 * Application Load Balancer events, with and without multi-value headers.
 * Format: Elastic Load Balancing guide, "Lambda functions as targets".
 */
import { STATUS_CODES } from 'node:http';
import type { ALBResult } from 'aws-lambda';
import { debug } from '../debug.js';
import { stripPathPrefix } from '../path.js';
import { appendQueryPair, escapeEncodedQuery, escapePath } from '../uri.js';
import {
  collectHeaders,
  completeHeaders,
  encodeResultBody,
  findHeader,
  readBody,
  readString,
  readStringListMap,
  readStringMap,
  toMultiValueHeaders,
  type EventRecord,
} from './shared.js';
import type { EventSource, RequestParts, ResponseSnapshot, TranslationSettings } from './types.js';

const SOURCE = 'Application Load Balancer';

/** The result of an ALB invocation, in the header shape the target group expects. */
export type AlbResult = ALBResult & { statusDescription: string; body: string; isBase64Encoded: boolean };

/**
 * The target group has multi-value headers enabled exactly when the event
 * carries `multiValueHeaders`, even if it also carries `headers`.
 */
export function isMultiValueAlbEvent(event: EventRecord): boolean {
  return event['multiValueHeaders'] !== undefined && event['multiValueHeaders'] !== null;
}

/**
 * ALB does not decode query parameters, so keys and values are still
 * percent-encoded: they go into the query string as they are, with only what
 * a query cannot carry escaped. `+`, `%2B` and UTF-8 escapes survive.
 */
function queryString(event: EventRecord, multiValue: boolean): string {
  let query = '';
  if (multiValue) {
    const multi = readStringListMap(event, 'multiValueQueryStringParameters', SOURCE);
    for (const key in multi) {
      const escapedKey = escapeEncodedQuery(key);
      for (const value of multi[key]!) query = appendQueryPair(query, escapedKey, escapeEncodedQuery(value));
    }
    return query;
  }
  const single = readStringMap(event, 'queryStringParameters', SOURCE);
  for (const key in single) query = appendQueryPair(query, escapeEncodedQuery(key), escapeEncodedQuery(single[key]!));
  return query;
}

/** The client address is the last `x-forwarded-for` entry, the one the load balancer added. */
function clientAddress(rawHeaders: readonly string[]): string | undefined {
  const forwardedFor = findHeader(rawHeaders, 'x-forwarded-for');
  if (forwardedFor === undefined) return undefined;
  const last = forwardedFor.slice(forwardedFor.lastIndexOf(',') + 1).trim();
  return last === '' ? undefined : last;
}

function toRequest(event: EventRecord, settings: TranslationSettings): RequestParts {
  const multiValue = isMultiValueAlbEvent(event);
  const body = readBody(event, SOURCE);
  const path = escapePath(stripPathPrefix(readString(event, 'path', SOURCE), settings.basePath));
  const query = queryString(event, multiValue);

  const rawHeaders = collectHeaders(
    multiValue ? readStringListMap(event, 'multiValueHeaders', SOURCE) : undefined,
    readStringMap(event, 'headers', SOURCE),
  );
  completeHeaders(rawHeaders, {
    body,
    domainName: undefined,
    protocol: 'https',
    maxHeaderCount: settings.maxHeaderCount,
  });

  return {
    method: readString(event, 'httpMethod', SOURCE),
    url: query === '' ? path : `${path}?${query}`,
    rawHeaders,
    body,
    remoteAddress: clientAddress(rawHeaders),
    encrypted: findHeader(rawHeaders, 'x-forwarded-proto')?.toLowerCase() === 'https',
  };
}

let warnedSingleValue = false;

/**
 * Single-value mode has one value per name. When the app sent several, the
 * last one is kept, as a repeated field overrides in most HTTP clients, and
 * the loss is reported once per process.
 */
function toSingleValueHeaders(response: ResponseSnapshot): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of response.headers) {
    headers[name] = values[values.length - 1]!;
    if (values.length > 1 && !warnedSingleValue) {
      warnedSingleValue = true;
      debug(
        'ALB target group without multi-value headers: kept only the last of %d "%s" values. ' +
          'Enable the target group attribute lambda.multi_value_headers.enabled to send them all.',
        values.length,
        name,
      );
    }
  }
  return headers;
}

function toResult(response: ResponseSnapshot, event: EventRecord, settings: TranslationSettings): AlbResult {
  const statusText = response.statusMessage || STATUS_CODES[response.statusCode] || 'Unknown';
  const result: AlbResult = {
    statusCode: response.statusCode,
    statusDescription: `${response.statusCode} ${statusText}`,
    ...encodeResultBody(response, settings.isBinary),
  };
  if (isMultiValueAlbEvent(event)) result.multiValueHeaders = toMultiValueHeaders(response);
  else result.headers = toSingleValueHeaders(response);
  return result;
}

export const albSource: EventSource<EventRecord, AlbResult> = {
  name: 'alb',
  toRequest,
  toResult,
  rawPath: (event) => readString(event, 'path', SOURCE),
};
