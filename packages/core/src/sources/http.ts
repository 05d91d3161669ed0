/**
 * Payload format 2.0 events: API Gateway HTTP APIs and Lambda Function URLs.
 * Formats: API Gateway developer guide, "Create AWS Lambda proxy integrations
 * for HTTP APIs", and the Lambda guide, "Invoking Lambda function URLs".
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { MalformedEventError } from '../errors.js';
import { isNamedStage, stripPathPrefix } from '../path.js';
import { QueryMap } from '../query.js';
import { escapeEncodedQuery, escapePath } from '../uri.js';
import {
  completeHeaders,
  encodeResultBody,
  ipAddressOrUndefined,
  readBody,
  readMethod,
  readPath,
  readOptionalRecord,
  readOptionalString,
  readString,
  readStringMap,
  readStringMapAsMap,
  type EventRecord,
} from './shared.js';
import type {
  EventSource,
  HttpRequestContext,
  LambdaRequestContext,
  RequestParts,
  ResponseSnapshot,
  TranslationSettings,
} from './types.js';

const SOURCE = 'HTTP API or Function URL (payload 2.0)';

/** The result of a payload 2.0 invocation. */
export type HttpResult = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
};

/**
 * The path the app sees: `rawPath`, which already holds a named stage. With
 * `ignoreStageInPath`, a leading `/{stage}` of a named stage is removed.
 */
function routePath(event: EventRecord, context: EventRecord, settings: TranslationSettings): string {
  let path = readPath(event, 'rawPath', SOURCE);
  if (settings.ignoreStageInPath) {
    const stage = readOptionalString(context, 'stage', SOURCE, 'requestContext.stage');
    if (isNamedStage(stage)) path = stripPathPrefix(path, `/${stage}`);
  }
  return stripPathPrefix(path, settings.basePath);
}

/**
 * Payload 2.0 moves the request's cookies out of `headers` into `cookies`;
 * they go back into one `cookie` header joined with `; ` (RFC 6265 section 5.4).
 */
function readCookies(event: EventRecord): string | undefined {
  const cookies = event['cookies'];
  if (cookies === undefined || cookies === null) return undefined;
  if (!Array.isArray(cookies) || cookies.some((cookie) => typeof cookie !== 'string')) {
    throw new MalformedEventError(SOURCE, 'cookies', 'an array of strings', cookies);
  }
  return cookies.length === 0 ? undefined : cookies.join('; ');
}

/**
 * Parses `rawQueryString`, the query as the client sent it. The
 * `queryStringParameters` map is not used: it joins repeated values with
 * commas, so a value that contains an encoded comma could not be distinguished from two values.
 */
function queryStringParameters(event: EventRecord): QueryMap {
  return new QueryMap(readOptionalString(event, 'rawQueryString', SOURCE) ?? '');
}

function requestContext(event: EventRecord): LambdaRequestContext | undefined {
  const context = readOptionalRecord(event, 'requestContext', SOURCE);
  if (context === undefined) return undefined;
  return { source: 'apiGatewayV2', requestContext: context as unknown as HttpRequestContext };
}

function toRequest(event: EventRecord, settings: TranslationSettings): RequestParts {
  const context = readOptionalRecord(event, 'requestContext', SOURCE);
  const http = context && readOptionalRecord(context, 'http', SOURCE, 'requestContext.http');
  if (context === undefined || http === undefined) {
    throw new MalformedEventError(SOURCE, 'requestContext.http', 'an object', context?.['http']);
  }
  // Checked now, though read lazily by the extensions, so that a malformed
  // event fails the invocation instead of the app's route.
  readStringMap(event, 'pathParameters', SOURCE);
  readStringMap(event, 'stageVariables', SOURCE);
  const body = readBody(event, SOURCE);
  const path = escapePath(routePath(event, context, settings));
  const query = escapeEncodedQuery(readOptionalString(event, 'rawQueryString', SOURCE) ?? '');

  const cookie = readCookies(event);
  const headers = readStringMap(event, 'headers', SOURCE);
  const rawHeaders: string[] = [];
  for (const name in headers) {
    // The `cookies` array is the complete list; a stray `cookie` header would duplicate it.
    if (cookie !== undefined && name.length === 6 && name.toLowerCase() === 'cookie') continue;
    rawHeaders.push(name, headers[name]!);
  }
  if (cookie !== undefined) rawHeaders.push('cookie', cookie);
  completeHeaders(rawHeaders, {
    body,
    domainName: readOptionalString(context, 'domainName', SOURCE, 'requestContext.domainName'),
    protocol: 'https',
    maxHeaderCount: settings.maxHeaderCount,
  });

  return {
    method: readMethod(http, 'method', SOURCE, 'requestContext.http.method'),
    url: query === '' ? path : `${path}?${query}`,
    rawHeaders,
    body,
    remoteAddress: ipAddressOrUndefined(readOptionalString(http, 'sourceIp', SOURCE, 'requestContext.http.sourceIp')),
    encrypted: true,
  };
}

/**
 * Payload 2.0 results have no multi-value map: repeated headers are joined
 * with `, ` (RFC 9110 section 5.3), and every `Set-Cookie` goes into
 * `cookies` unchanged, because a cookie's `Expires` date contains a comma.
 */
function toResult(response: ResponseSnapshot, _event: EventRecord, settings: TranslationSettings): HttpResult {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, values] of response.headers) {
    if (name === 'set-cookie') cookies = values.slice();
    else headers[name] = values.length === 1 ? values[0]! : values.join(', ');
  }
  const result: HttpResult = {
    statusCode: response.statusCode,
    headers,
    ...encodeResultBody(response, settings.isBinary),
  };
  if (cookies !== undefined) result.cookies = cookies;
  return result;
}

export const httpSource: EventSource<EventRecord, HttpResult> = {
  name: 'apiGatewayV2',
  toRequest,
  toResult,
  rawPath: (event) => readString(event, 'rawPath', SOURCE),
  queryStringParameters,
  pathParameters: (event) => readStringMapAsMap(event, 'pathParameters', SOURCE),
  stageVariables: (event) => readStringMapAsMap(event, 'stageVariables', SOURCE),
  requestContext,
};
