/**
 * @module @lambda-http/core
 * Translates AWS Lambda HTTP events (API Gateway REST and HTTP APIs, Function
 * URLs, Application Load Balancer) into Node requests, runs any Node request
 * listener, and turns its response into the result the service expects.
 */
export { createHandler, readIgnoreStageEnv } from './handler.js';
export type { HandlerOptions, LambdaHttpHandler, LambdaResult, RequestListener } from './handler.js';
export { isBinaryResponse, isTextContentType } from './body.js';
export type { IsBinaryPredicate, ResponseBodyInfo } from './body.js';
export {
  InvalidBase64BodyError,
  InvalidOptionError,
  LambdaHttpError,
  MalformedEventError,
  TooManyHeadersError,
  UnsupportedEventError,
} from './errors.js';
export type { LambdaHttpErrorCode } from './errors.js';
export { getEventSource, getLambdaContext, getLambdaEvent, getRawHttpPath, kLambda } from './extensions.js';
export type { LambdaSlot } from './extensions.js';
export type { EventSourceName } from './sources/types.js';
export type { RestResult } from './sources/rest.js';
export type { HttpResult } from './sources/http.js';
export type { AlbResult } from './sources/alb.js';
