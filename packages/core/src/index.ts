/**
 * @module @lambda-http/core
 * Translates AWS Lambda HTTP events (API Gateway REST and HTTP APIs, Function
 * URLs, Application Load Balancer) into Node requests, runs any Node request
 * listener, and turns its response into the result the service expects.
 */
export { createHandler } from './handler.js';
export { readIgnoreStageEnv } from './options.js';
export type { LambdaHttpHandler, LambdaResult, RequestListener } from './handler.js';
export type { ErrorInfo, HandlerOptions } from './options.js';
export { isBinaryResponse, isTextContentType } from './body.js';
export type { IsBinaryPredicate, ResponseBodyInfo } from './body.js';
export {
  InvalidBase64BodyError,
  InvalidHeaderError,
  InvalidOptionError,
  LambdaHttpError,
  MalformedEventError,
  PayloadParseError,
  PayloadValidationError,
  ResponseAbortedError,
  ResponseTimeoutError,
  TooManyHeadersError,
  UnsupportedEventError,
} from './errors.js';
export type { LambdaHttpErrorCode } from './errors.js';
export {
  getEventSource,
  getLambdaContext,
  getLambdaEvent,
  getLambdaExtensions,
  getPathParameters,
  getPayload,
  getQueryStringParameters,
  getRawHttpPath,
  getRequestContext,
  getStageVariables,
  kLambda,
  withBody,
  withLambdaContext,
  withPathParameters,
  withQueryStringParameters,
  withRawHttpPath,
  withRequestContext,
  withStageVariables,
} from './extensions.js';
export type { LambdaExtensions, LambdaSlot, StringMapInit } from './extensions.js';
export type { FormPayload } from './payload.js';
export { QueryMap } from './query.js';
export type { QueryMapInit } from './query.js';
export type {
  AlbRequestContext,
  EventSourceName,
  HttpAuthorizerContext,
  HttpRequestContext,
  LambdaRequestContext,
  RestAuthorizerContext,
  RestRequestContext,
} from './sources/types.js';
export type { StandardSchemaV1 } from '@standard-schema/spec';
export type { RestResult } from './sources/rest.js';
export type { HttpResult } from './sources/http.js';
export type { AlbResult } from './sources/alb.js';
