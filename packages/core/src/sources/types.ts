/**
 * The contract that every event source module implements: event to request
 * parts on the way in, recorded response to result on the way out.
 */
import type {
  ALBEventRequestContext,
  APIGatewayEventRequestContextIAMAuthorizer,
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayEventRequestContextLambdaAuthorizer,
  APIGatewayEventRequestContextV2,
  APIGatewayEventRequestContextWithAuthorizer,
} from 'aws-lambda';
import type { IsBinaryPredicate } from '../body.js';
import type { QueryMap } from '../query.js';

/** The service that sent the event. Function URLs use payload 2.0, so they are `apiGatewayV2`. */
export type EventSourceName = 'apiGatewayV1' | 'apiGatewayV2' | 'alb';

/** Settings fixed when the handler is created and shared by every invocation. */
export interface TranslationSettings {
  /** Strip the API Gateway stage from the path the app sees. */
  readonly ignoreStageInPath: boolean;
  /** A base path (custom-domain mapping) to strip after the stage, or `''`. */
  readonly basePath: string;
  /** The text-or-binary decision for response bodies. */
  readonly isBinary: IsBinaryPredicate;
  /** The maximum number of header fields in a request; a request with more gets a 431 result. */
  readonly maxHeaderCount: number;
}

/** The parts of a request that a source module extracts from an event: everything the Node request needs. */
export interface RequestParts {
  readonly method: string;
  /** The request target: escaped path, then `?` and the query string if there is one. */
  readonly url: string;
  /** Header fields as a flat name, value, name, value list, names spelled as in the event. */
  readonly rawHeaders: string[];
  /** The decoded body bytes, or `undefined` when the event has no body field. */
  readonly body: Buffer | undefined;
  /** The client address, when the event carries one. */
  readonly remoteAddress: string | undefined;
  /** `true` when the client reached the service over HTTPS. */
  readonly encrypted: boolean;
}

/** A response as the app wrote it, in a source-neutral form. */
export interface ResponseSnapshot {
  readonly statusCode: number;
  readonly statusMessage: string;
  /** Lower-case header names with their values as strings, in the order the app set them. */
  readonly headers: ReadonlyArray<readonly [name: string, values: readonly string[]]>;
  /** The body bytes; empty for HEAD requests and for 204 and 304 responses. */
  readonly body: Buffer;
}

/** One event source: a pair of pure functions that never modify the event. */
export interface EventSource<Event, Result> {
  readonly name: EventSourceName;
  toRequest(event: Event, settings: TranslationSettings): RequestParts;
  toResult(response: ResponseSnapshot, event: Event, settings: TranslationSettings): Result;
  /** The event's own path before any stage or base-path handling. */
  rawPath(event: Event): string;
  /** The query string parameters with names and values decoded. */
  queryStringParameters(event: Event): QueryMap;
  /** The path parameters of the matched route; empty when the event has none. */
  pathParameters(event: Event): ReadonlyMap<string, string>;
  /** The stage variables; empty when the event has none. */
  stageVariables(event: Event): ReadonlyMap<string, string>;
  /** The event's `requestContext` tagged with the source, or `undefined` when the event has none. */
  requestContext(event: Event): LambdaRequestContext | undefined;
}

/**
 * The authorizer data of a REST API request: the authorizer's context for
 * Lambda and Cognito authorizers, `null` or absent without an authorizer.
 */
export type RestAuthorizerContext = Readonly<Record<string, unknown>> | null | undefined;

/** The `requestContext` of a REST API event (payload 1.0). */
export type RestRequestContext = APIGatewayEventRequestContextWithAuthorizer<RestAuthorizerContext>;

/** The authorizer data of an HTTP API request: a JWT, IAM or Lambda authorizer's output. */
export type HttpAuthorizerContext =
  | APIGatewayEventRequestContextJWTAuthorizer
  | APIGatewayEventRequestContextIAMAuthorizer
  | APIGatewayEventRequestContextLambdaAuthorizer<Readonly<Record<string, unknown>>>;

/**
 * The `requestContext` of a payload 2.0 event (HTTP API or Function URL);
 * `authorizer` is present only when an authorizer ran.
 */
export type HttpRequestContext = APIGatewayEventRequestContextV2 & { authorizer?: HttpAuthorizerContext };

/** The `requestContext` of an Application Load Balancer event. */
export type AlbRequestContext = ALBEventRequestContext;

/**
 * The request context of an invocation, tagged with the event source so that
 * checking `source` narrows `requestContext` to that source's type. The
 * object is the event's own `requestContext`, typed by `@types/aws-lambda`;
 * treat it as read-only.
 */
export type LambdaRequestContext =
  | { readonly source: 'apiGatewayV1'; readonly requestContext: RestRequestContext }
  | { readonly source: 'apiGatewayV2'; readonly requestContext: HttpRequestContext }
  | { readonly source: 'alb'; readonly requestContext: AlbRequestContext };

