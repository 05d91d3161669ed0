/**
 * The Lambda data attached to each Node request: one symbol-keyed slot per
 * request, the accessor functions that read it, the `with*` builders that set
 * it by hand, and the accessor object that every request exposes as `lambda`.
 *
 * Everything lives on the request object itself, never in module scope, so
 * invocations that overlap in one process cannot see each other's data.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Context } from 'aws-lambda';
import type { IncomingMessage } from 'node:http';
import { LambdaHttpError } from './errors.js';
import { parsePayload, validatePayload } from './payload.js';
import { QueryMap, type QueryMapInit } from './query.js';
import type { AnyEventSource } from './sources/index.js';
import type { EventRecord } from './sources/shared.js';
import type { EventSourceName, LambdaRequestContext } from './sources/types.js';

/**
 * The key of the slot. `Symbol.for`, so that two installed copies of this
 * package read each other's requests.
 */
export const kLambda: unique symbol = Symbol.for('lambda-http.extensions') as never;

/**
 * The data that one invocation attaches to its request. The lazily computed fields
 * start `undefined`, are filled from the event on first use, and are replaced
 * by the `with*` builders.
 */
export interface LambdaSlot {
  /** The event exactly as the handler received it, never modified; `undefined` on a request built by hand. */
  readonly event: EventRecord | undefined;
  /** The source module that translated the event; `undefined` on a request built by hand. */
  readonly source: AnyEventSource | undefined;
  /** The Lambda context of the invocation, if the caller passed one. */
  context: Context | undefined;
  /** The decoded request body bytes that payload parsing reads; `undefined` when there is no body. */
  body: Buffer | undefined;
  /** The content type set by `withBody`; when `undefined`, payload parsing reads the request's header. */
  contentType: string | undefined;
  queryStringParameters: QueryMap | undefined;
  pathParameters: ReadonlyMap<string, string> | undefined;
  stageVariables: ReadonlyMap<string, string> | undefined;
  requestContext: LambdaRequestContext | undefined;
  rawHttpPath: string | undefined;
  /** The accessor object behind `req.lambda`, created on first use. */
  extensions: LambdaExtensions | undefined;
}

/**
 * The Lambda data of one request as an object of accessor methods. Each
 * framework adapter exposes it in its own idiom: `req.lambda` on an Express
 * or plain Node request, `ctx.lambda` on a Koa context, `request.lambda` on a
 * Fastify request. It is created on first access, once per request.
 *
 * The methods read the request they were created for, so they may be passed
 * around unbound.
 *
 * @example
 * ```ts
 * app.get('/orders/:id', (req, res) => {
 *   const page = req.lambda.queryStringParameters().first('page') ?? '1';
 *   const requestId = req.lambda.lambdaContext()?.awsRequestId;
 *   res.json({ page, requestId });
 * });
 * ```
 */
export interface LambdaExtensions {
  /** Returns the Lambda event that produced the request; `undefined` on a request built by hand. */
  event(): unknown;
  /** Returns which service sent the event; `undefined` on a request built by hand without a request context. */
  source(): EventSourceName | undefined;
  /** Returns the decoded query string parameters; empty when there are none. */
  queryStringParameters(): QueryMap;
  /** Returns the path parameters of the API Gateway route; always empty for ALB. */
  pathParameters(): ReadonlyMap<string, string>;
  /** Returns the API Gateway stage variables; always empty for ALB. */
  stageVariables(): ReadonlyMap<string, string>;
  /** Returns the event's request context tagged with its source, or `undefined` when there is none. */
  requestContext(): LambdaRequestContext | undefined;
  /** Returns the Lambda context of the invocation, if the caller passed one. */
  lambdaContext(): Context | undefined;
  /** Returns the event's own path before any stage or base-path handling; `''` when unknown. */
  rawHttpPath(): string;
  /**
   * Parses the request body by its content type: JSON for `application/json`
   * and `+json` types, a `FormPayload` for `application/x-www-form-urlencoded`.
   * Returns `undefined` for an empty body and for any other or a missing
   * content type. Throws `PayloadParseError` for malformed JSON.
   */
  payload(): unknown;
  /**
   * Parses the request body as `payload()` does, then validates it with a
   * Standard Schema validator such as a zod schema. Resolves to the
   * validator's output, or to `undefined` when `payload()` would return
   * `undefined`. Rejects with `PayloadParseError` or `PayloadValidationError`.
   */
  payload<Schema extends StandardSchemaV1>(schema: Schema): Promise<StandardSchemaV1.InferOutput<Schema> | undefined>;
}

type WithSlot = { [kLambda]?: LambdaSlot };

/** Creates the slot of one invocation, or an empty slot for a request built by hand. */
export function createSlot(
  event: EventRecord | undefined,
  source: AnyEventSource | undefined,
  context: Context | undefined,
  body: Buffer | undefined,
): LambdaSlot {
  return {
    event,
    source,
    context,
    body,
    contentType: undefined,
    queryStringParameters: undefined,
    pathParameters: undefined,
    stageVariables: undefined,
    requestContext: undefined,
    rawHttpPath: undefined,
    extensions: undefined,
  };
}

// One shared descriptor: `req.lambda` is a getter, so the accessor object is
// only created when the app reads it. Assigning to `req.lambda` replaces the
// getter with a plain property, so an app that sets its own `lambda` keeps working.
const lambdaProperty: PropertyDescriptor = {
  configurable: true,
  enumerable: false,
  get(this: IncomingMessage): LambdaExtensions {
    return getLambdaExtensions(this);
  },
  set(this: IncomingMessage, value: unknown): void {
    Object.defineProperty(this, 'lambda', { value, writable: true, configurable: true, enumerable: true });
  },
};

/** Stores `slot` on the request and defines the `req.lambda` getter. */
export function attachSlot(req: IncomingMessage, slot: LambdaSlot): void {
  // A symbol key stays out of `Object.keys`, `for...in` and JSON.
  (req as WithSlot)[kLambda] = slot;
  Object.defineProperty(req, 'lambda', lambdaProperty);
}

/** Reads the slot, throwing a clear error for a request that did not come from a Lambda event. */
export function getSlot(req: IncomingMessage): LambdaSlot {
  const slot = (req as WithSlot)[kLambda];
  if (slot === undefined) {
    throw new LambdaHttpError(
      'LHTTP_ERR_MISSING_EXTENSIONS',
      'This request carries no Lambda data: it did not come through a lambda-http handler. ' +
        'In unit tests, attach the data with the `with*` builders first.',
    );
  }
  return slot;
}

/** Returns the slot of a request, attaching an empty one when the request has none. */
function ensureSlot(req: IncomingMessage): LambdaSlot {
  const existing = (req as WithSlot)[kLambda];
  if (existing !== undefined) return existing;
  const slot = createSlot(undefined, undefined, undefined, undefined);
  attachSlot(req, slot);
  return slot;
}

// ---------------------------------------------------------------------------
// Accessor functions, for any Node request listener.

/** Returns the Lambda event that produced this request; `undefined` on a request built by hand. */
export function getLambdaEvent(req: IncomingMessage): unknown {
  return getSlot(req).event;
}

/** Returns the Lambda context of the invocation that produced this request. */
export function getLambdaContext(req: IncomingMessage): Context | undefined {
  return getSlot(req).context;
}

/**
 * Returns which service sent the event: `apiGatewayV1`, `apiGatewayV2` or
 * `alb`. On a request built by hand it is the source of the request context
 * set with `withRequestContext`, else `undefined`.
 */
export function getEventSource(req: IncomingMessage): EventSourceName | undefined {
  const slot = getSlot(req);
  return slot.source?.name ?? slot.requestContext?.source;
}

/**
 * Returns the event's own path, before any stage or base-path handling:
 * REST `path`, payload 2.0 `rawPath`, ALB `path`. On a request built by hand
 * it is the path set with `withRawHttpPath`, else `''`.
 */
export function getRawHttpPath(req: IncomingMessage): string {
  const slot = getSlot(req);
  slot.rawHttpPath ??= slot.event !== undefined && slot.source !== undefined ? slot.source.rawPath(slot.event) : '';
  return slot.rawHttpPath;
}

/**
 * Returns the query string parameters with names and values decoded:
 * - REST API: the multi-value map when it has entries, else the single-value map;
 * - payload 2.0: `rawQueryString` parsed as form data, so a value holding an
 *   encoded comma stays one value;
 * - ALB: the still-encoded parameters decoded as form data (`+` is a space).
 */
export function getQueryStringParameters(req: IncomingMessage): QueryMap {
  const slot = getSlot(req);
  slot.queryStringParameters ??=
    slot.event !== undefined && slot.source !== undefined
      ? slot.source.queryStringParameters(slot.event)
      : new QueryMap();
  return slot.queryStringParameters;
}

/** Returns the path parameters of the API Gateway route; empty for ALB and when the event has none. */
export function getPathParameters(req: IncomingMessage): ReadonlyMap<string, string> {
  const slot = getSlot(req);
  slot.pathParameters ??=
    slot.event !== undefined && slot.source !== undefined ? slot.source.pathParameters(slot.event) : new Map();
  return slot.pathParameters;
}

/** Returns the API Gateway stage variables; empty for ALB and when the event has none. */
export function getStageVariables(req: IncomingMessage): ReadonlyMap<string, string> {
  const slot = getSlot(req);
  slot.stageVariables ??=
    slot.event !== undefined && slot.source !== undefined ? slot.source.stageVariables(slot.event) : new Map();
  return slot.stageVariables;
}

/**
 * Returns the event's `requestContext` tagged with the source, so that
 * checking `source` narrows the type. `undefined` when the event has none
 * (some test tools omit it from REST events) and on a request built by hand
 * without `withRequestContext`.
 */
export function getRequestContext(req: IncomingMessage): LambdaRequestContext | undefined {
  const slot = getSlot(req);
  if (slot.requestContext === undefined && slot.event !== undefined && slot.source !== undefined) {
    slot.requestContext = slot.source.requestContext(slot.event);
  }
  return slot.requestContext;
}

/**
 * Parses the request body by its content type, reading the event's decoded
 * body bytes, not the Node stream, so it works whether or not a body parser
 * has consumed the stream. See `LambdaExtensions.payload` for the rules.
 */
export function getPayload(req: IncomingMessage): unknown;
/** Parses the request body, then validates it with a Standard Schema validator. */
export function getPayload<Schema extends StandardSchemaV1>(
  req: IncomingMessage,
  schema: Schema,
): Promise<StandardSchemaV1.InferOutput<Schema> | undefined>;
export function getPayload(req: IncomingMessage, schema?: StandardSchemaV1): unknown {
  const slot = getSlot(req);
  const contentType = slot.contentType ?? firstHeaderValue(req.headers?.['content-type']);
  if (schema === undefined) return parsePayload(slot.body, contentType);

  let payload: unknown;
  try {
    payload = parsePayload(slot.body, contentType);
  } catch (error) {
    return Promise.reject(error);
  }
  return validatePayload(payload, schema);
}

function firstHeaderValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Returns the accessor object of a request, creating it on first use. */
export function getLambdaExtensions(req: IncomingMessage): LambdaExtensions {
  const slot = getSlot(req);
  slot.extensions ??= createExtensions(req);
  return slot.extensions;
}

function createExtensions(req: IncomingMessage): LambdaExtensions {
  function payload(): unknown;
  function payload<Schema extends StandardSchemaV1>(
    schema: Schema,
  ): Promise<StandardSchemaV1.InferOutput<Schema> | undefined>;
  function payload(schema?: StandardSchemaV1): unknown {
    return schema === undefined ? getPayload(req) : getPayload(req, schema);
  }
  return {
    event: () => getLambdaEvent(req),
    source: () => getEventSource(req),
    queryStringParameters: () => getQueryStringParameters(req),
    pathParameters: () => getPathParameters(req),
    stageVariables: () => getStageVariables(req),
    requestContext: () => getRequestContext(req),
    lambdaContext: () => getLambdaContext(req),
    rawHttpPath: () => getRawHttpPath(req),
    payload,
  };
}

// ---------------------------------------------------------------------------
// Builders: attach Lambda data by hand, for unit tests of handlers without an
// event. Each one returns the same request, attaches an empty slot first when
// the request has none, and replaces only its own field, so they chain.

/** A map of strings given as an object or as `[name, value]` pairs. */
export type StringMapInit =
  | Readonly<Record<string, string | undefined>>
  | Iterable<readonly [name: string, value: string]>;

function toStringMap(init: StringMapInit): Map<string, string> {
  const map = new Map<string, string>();
  if (typeof (init as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function') {
    for (const [name, value] of init as Iterable<readonly [string, string]>) map.set(name, value);
    return map;
  }
  const record = init as Readonly<Record<string, string | undefined>>;
  for (const name of Object.keys(record)) {
    const value = record[name];
    if (value !== undefined) map.set(name, value);
  }
  return map;
}

/**
 * Sets the query string parameters: an object such as `{ tags: ['a', 'b'] }`,
 * `[name, value]` pairs, a `QueryMap`, or form-encoded text such as `'a=1&b=2'`.
 * It does not change `req.url`.
 */
export function withQueryStringParameters<Request extends IncomingMessage>(
  req: Request,
  parameters: QueryMapInit | string,
): Request {
  ensureSlot(req).queryStringParameters = parameters instanceof QueryMap ? parameters : new QueryMap(parameters);
  return req;
}

/** Sets the path parameters, as API Gateway's `pathParameters` would carry them. */
export function withPathParameters<Request extends IncomingMessage>(req: Request, parameters: StringMapInit): Request {
  ensureSlot(req).pathParameters = toStringMap(parameters);
  return req;
}

/** Sets the stage variables, as API Gateway's `stageVariables` would carry them. */
export function withStageVariables<Request extends IncomingMessage>(req: Request, variables: StringMapInit): Request {
  ensureSlot(req).stageVariables = toStringMap(variables);
  return req;
}

/** Sets the request context and, on a request built by hand, the event source it names. */
export function withRequestContext<Request extends IncomingMessage>(
  req: Request,
  requestContext: LambdaRequestContext,
): Request {
  ensureSlot(req).requestContext = requestContext;
  return req;
}

/** Sets the Lambda context of the invocation. */
export function withLambdaContext<Request extends IncomingMessage>(req: Request, context: Context): Request {
  ensureSlot(req).context = context;
  return req;
}

/** Sets the raw HTTP path, the event's own path before stage or base-path handling. */
export function withRawHttpPath<Request extends IncomingMessage>(req: Request, path: string): Request {
  ensureSlot(req).rawHttpPath = path;
  return req;
}

/**
 * Sets the body bytes that payload parsing reads (a string is encoded as
 * UTF-8) and, when given, the content type that picks the parser in place of
 * the request's `content-type` header. It does not change what the request
 * stream yields.
 */
export function withBody<Request extends IncomingMessage>(
  req: Request,
  body: string | Uint8Array,
  contentType?: string,
): Request {
  const slot = ensureSlot(req);
  slot.body = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (contentType !== undefined) slot.contentType = contentType;
  return req;
}
