/**
 * API Gateway REST API events (Lambda proxy integration, payload format 1.0).
 * Event and result formats: API Gateway developer guide, "Set up Lambda proxy
 * integrations in API Gateway", input and output format.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { isNamedStage, stripPathPrefix } from '../path.js';
import { QueryMap } from '../query.js';
import { appendQueryPair, encodeQueryComponent, escapePath } from '../uri.js';
import {
  collectHeaders,
  completeHeaders,
  encodeResultBody,
  ipAddressOrUndefined,
  readBody,
  readMethod,
  readPath,
  readOptionalRecord,
  readOptionalString,
  readString,
  readStringListMap,
  readStringMap,
  readStringMapAsMap,
  toMultiValueHeaders,
  type EventRecord,
} from './shared.js';
import type {
  EventSource,
  LambdaRequestContext,
  RequestParts,
  ResponseSnapshot,
  RestRequestContext,
  TranslationSettings,
} from './types.js';

const SOURCE = 'API Gateway REST API';

/** The result of a REST API invocation: headers only in `multiValueHeaders`. */
export type RestResult = APIGatewayProxyResult & { multiValueHeaders: Record<string, string[]> };

/**
 * The path the app sees. By default it is the path the client requested:
 * `requestContext.path`, which starts with the stage on an execute-api URL and
 * with the base-path mapping on a custom domain. Events without it (some test
 * tools omit it) get lambda_http 0.11's rule: the stage in front of `path`
 * unless `path` already starts with it. With `ignoreStageInPath`, `path` alone,
 * which API Gateway gives without the stage. On a custom domain `path` still
 * starts with the base-path mapping, so in every case the `basePath` option is
 * stripped last.
 */
function routePath(event: EventRecord, context: EventRecord | undefined, settings: TranslationSettings): string {
  const path = readPath(event, 'path', SOURCE);
  if (settings.ignoreStageInPath) return stripPathPrefix(path, settings.basePath);

  const hasContextPath = context !== undefined && context['path'] !== undefined && context['path'] !== null;
  const contextPath = hasContextPath ? readPath(context, 'path', SOURCE, 'requestContext.path') : undefined;
  if (contextPath !== undefined) return stripPathPrefix(contextPath, settings.basePath);

  const stage = context && readOptionalString(context, 'stage', SOURCE, 'requestContext.stage');
  if (!isNamedStage(stage)) return stripPathPrefix(path, settings.basePath);
  const prefix = `/${stage}`;
  const withStage = path === prefix || path.startsWith(`${prefix}/`) ? path : `${prefix}${path}`;
  return stripPathPrefix(withStage, settings.basePath);
}

/**
 * Calls `visit` for each query parameter, values as API Gateway decoded them.
 * A name sent more than once is complete only in the multi-value map (the
 * single-value map keeps its last value), so that map wins when it has any
 * entry.
 */
function forEachQueryParameter(event: EventRecord, visit: (name: string, value: string) => void): void {
  const multi = readStringListMap(event, 'multiValueQueryStringParameters', SOURCE);
  if (multi !== undefined && Object.keys(multi).length > 0) {
    for (const name in multi) {
      for (const value of multi[name]!) visit(name, value);
    }
    return;
  }
  const single = readStringMap(event, 'queryStringParameters', SOURCE);
  for (const name in single) visit(name, single[name]!);
}

/** Rebuilds the query string, encoding each decoded name and value exactly once. */
function queryString(event: EventRecord): string {
  let query = '';
  forEachQueryParameter(event, (name, value) => {
    query = appendQueryPair(query, encodeQueryComponent(name), encodeQueryComponent(value));
  });
  return query;
}

function queryStringParameters(event: EventRecord): QueryMap {
  const pairs: Array<[string, string]> = [];
  forEachQueryParameter(event, (name, value) => pairs.push([name, value]));
  return new QueryMap(pairs);
}

function requestContext(event: EventRecord): LambdaRequestContext | undefined {
  const context = readOptionalRecord(event, 'requestContext', SOURCE);
  if (context === undefined) return undefined;
  return { source: 'apiGatewayV1', requestContext: context as unknown as RestRequestContext };
}

function toRequest(event: EventRecord, settings: TranslationSettings): RequestParts {
  const context = readOptionalRecord(event, 'requestContext', SOURCE);
  const identity = context && readOptionalRecord(context, 'identity', SOURCE, 'requestContext.identity');
  // Checked now, though read lazily by the extensions, so that a malformed
  // event fails the invocation instead of the app's route.
  readStringMap(event, 'pathParameters', SOURCE);
  readStringMap(event, 'stageVariables', SOURCE);
  const body = readBody(event, SOURCE);
  const query = queryString(event);
  const path = escapePath(routePath(event, context, settings));

  const rawHeaders = collectHeaders(
    readStringListMap(event, 'multiValueHeaders', SOURCE),
    readStringMap(event, 'headers', SOURCE),
  );
  completeHeaders(rawHeaders, {
    body,
    domainName: context && readOptionalString(context, 'domainName', SOURCE, 'requestContext.domainName'),
    protocol: 'https',
    maxHeaderCount: settings.maxHeaderCount,
  });

  return {
    method: readMethod(event, 'httpMethod', SOURCE),
    url: query === '' ? path : `${path}?${query}`,
    rawHeaders,
    body,
    remoteAddress: ipAddressOrUndefined(
      identity && readOptionalString(identity, 'sourceIp', SOURCE, 'requestContext.identity.sourceIp'),
    ),
    encrypted: true,
  };
}

/**
 * Every header goes into `multiValueHeaders` and none into `headers`: API
 * Gateway merges the two maps, so a pair sent in both would arrive twice.
 */
function toResult(response: ResponseSnapshot, _event: EventRecord, settings: TranslationSettings): RestResult {
  return {
    statusCode: response.statusCode,
    multiValueHeaders: toMultiValueHeaders(response),
    ...encodeResultBody(response, settings.isBinary),
  };
}

export const restSource: EventSource<EventRecord, RestResult> = {
  name: 'apiGatewayV1',
  toRequest,
  toResult,
  rawPath: (event) => readString(event, 'path', SOURCE),
  queryStringParameters,
  pathParameters: (event) => readStringMapAsMap(event, 'pathParameters', SOURCE),
  stageVariables: (event) => readStringMapAsMap(event, 'stageVariables', SOURCE),
  requestContext,
};

/** The REST API event type from `@types/aws-lambda`, for callers that want it. */
export type RestEvent = APIGatewayProxyEvent;
