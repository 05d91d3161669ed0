/**
 * Application Load Balancer events, with and without multi-value headers.
 * Format: Elastic Load Balancing guide, "Lambda functions as targets".
 */
import { STATUS_CODES } from 'node:http';
import type { ALBResult } from 'aws-lambda';
import { debug } from '../debug.js';
import { stripPathPrefix } from '../path.js';
import { QueryMap } from '../query.js';
import { appendQueryPair, decodeFormComponent, escapeEncodedQuery, escapePath } from '../uri.js';
import {
  collectHeaders,
  completeHeaders,
  encodeResultBody,
  findHeader,
  ipAddressOrUndefined,
  readBody,
  readMethod,
  readPath,
  readOptionalRecord,
  readString,
  readStringListMap,
  readStringMap,
  toMultiValueHeaders,
  type EventRecord,
} from './shared.js';
import type {
  AlbRequestContext,
  EventSource,
  LambdaRequestContext,
  RequestParts,
  ResponseSnapshot,
  TranslationSettings,
} from './types.js';

const SOURCE = 'Application Load Balancer';

/** The result of an ALB invocation, in the header shape the target group expects. */
export type AlbResult = ALBResult & { statusDescription: string; body: string; isBase64Encoded: boolean };

/**
 * Tells whether the target group has multi-value headers enabled: exactly when
 * the event carries `multiValueHeaders`, even if it also carries `headers`.
 */
export function isMultiValueAlbEvent(event: EventRecord): boolean {
  return event['multiValueHeaders'] !== undefined && event['multiValueHeaders'] !== null;
}

/**
 * Calls `visit` for each query parameter exactly as ALB passed it: ALB does
 * not decode query parameters, so names and values are still percent-encoded
 * (`+`, `%2B` and UTF-8 escapes as the client sent them). The multi-value map
 * is read exactly when the target group has multi-value headers enabled.
 */
function forEachEncodedQueryParameter(
  event: EventRecord,
  multiValue: boolean,
  visit: (name: string, value: string) => void,
): void {
  if (multiValue) {
    const multi = readStringListMap(event, 'multiValueQueryStringParameters', SOURCE);
    for (const name in multi) {
      for (const value of multi[name]!) visit(name, value);
    }
    return;
  }
  const single = readStringMap(event, 'queryStringParameters', SOURCE);
  for (const name in single) visit(name, single[name]!);
}

/** Rebuilds the query string from the still-encoded pairs, escaping only what a query cannot carry. */
function queryString(event: EventRecord, multiValue: boolean): string {
  let query = '';
  forEachEncodedQueryParameter(event, multiValue, (name, value) => {
    query = appendQueryPair(query, escapeEncodedQuery(name), escapeEncodedQuery(value));
  });
  return query;
}

/** Decodes the still-encoded pairs as form components, so `+` becomes a space. */
function queryStringParameters(event: EventRecord): QueryMap {
  const pairs: Array<[string, string]> = [];
  forEachEncodedQueryParameter(event, isMultiValueAlbEvent(event), (name, value) => {
    pairs.push([decodeFormComponent(name), decodeFormComponent(value)]);
  });
  return new QueryMap(pairs);
}

function requestContext(event: EventRecord): LambdaRequestContext | undefined {
  const context = readOptionalRecord(event, 'requestContext', SOURCE);
  if (context === undefined) return undefined;
  return { source: 'alb', requestContext: context as unknown as AlbRequestContext };
}

/** Returns the client address: the last `x-forwarded-for` entry, the one the load balancer added. */
function clientAddress(rawHeaders: readonly string[]): string | undefined {
  const forwardedFor = findHeader(rawHeaders, 'x-forwarded-for');
  if (forwardedFor === undefined) return undefined;
  return ipAddressOrUndefined(forwardedFor.slice(forwardedFor.lastIndexOf(',') + 1).trim());
}

function toRequest(event: EventRecord, settings: TranslationSettings): RequestParts {
  const multiValue = isMultiValueAlbEvent(event);
  const body = readBody(event, SOURCE);
  const path = escapePath(stripPathPrefix(readPath(event, 'path', SOURCE), settings.basePath));
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
    method: readMethod(event, 'httpMethod', SOURCE),
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
  queryStringParameters,
  // ALB has no route templates and no stages.
  pathParameters: () => new Map(),
  stageVariables: () => new Map(),
  requestContext,
};
