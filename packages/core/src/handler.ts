/**
 * Turns a Node request listener into a Lambda handler: one invocation is one
 * request through the listener, and the recorded response becomes the result.
 */
import type { Context } from 'aws-lambda';
import { debug } from './debug.js';
import { InvalidBase64BodyError, InvalidHeaderError, InvalidOptionError, TooManyHeadersError } from './errors.js';
import { attachSlot, createSlot } from './extensions.js';
import { Invocation, plainResponse, type RequestListener } from './invocation.js';
import { createRequest } from './node/request.js';
import { createResponse } from './node/response.js';
import { resolveOptions, type HandlerOptions } from './options.js';
import type { AlbResult } from './sources/alb.js';
import type { HttpResult } from './sources/http.js';
import { detectSource, type AnyEventSource } from './sources/index.js';
import type { RestResult } from './sources/rest.js';
import type { EventRecord } from './sources/shared.js';
import type { TranslationSettings } from './sources/types.js';

export type { RequestListener } from './invocation.js';

/** The result for the service that sent the event. */
export type LambdaResult = RestResult | HttpResult | AlbResult;

/** A Lambda handler for HTTP events. */
export type LambdaHttpHandler = (event: unknown, context?: Context) => Promise<LambdaResult>;

/**
 * Creates a Lambda handler that serves each HTTP event with `listener`.
 *
 * - A malformed or unsupported event rejects with a `LambdaHttpError`, so the
 *   invocation fails and the error reaches the function's log.
 * - Bad client data gets a client error result: 400 for a body that is not
 *   valid base64 or a header that HTTP cannot carry, 431 for too many header
 *   fields. The app is not called.
 * - An error that escapes the listener becomes a 500 result, unless the app
 *   had already ended its response.
 * - A response or socket that the app destroys before ending the response
 *   becomes a 502 result.
 * - A response still open when the remaining time drops below
 *   `timeoutMarginMs` becomes a 504 result. A context without
 *   `getRemainingTimeInMillis` sets no deadline.
 * - `onError` hears of each 500, 502 and 504.
 *
 * @example
 * ```ts
 * import { createHandler } from '@lambda-http/core';
 *
 * export const handler = createHandler((req, res) => {
 *   res.setHeader('content-type', 'text/plain');
 *   res.end(`You asked for ${req.url}`);
 * });
 * ```
 */
export function createHandler(listener: RequestListener, options: HandlerOptions = {}): LambdaHttpHandler {
  if (typeof listener !== 'function') {
    throw new InvalidOptionError('listener', 'a request listener function (req, res) => void', listener);
  }
  const settings = resolveOptions(options);

  return function lambdaHttpHandler(event: unknown, context?: Context): Promise<LambdaResult> {
    let source: AnyEventSource;
    let record: EventRecord;
    let parts;
    try {
      ({ source, event: record } = detectSource(event));
      parts = source.toRequest(record, settings);
    } catch (error) {
      // Bad client data gets a client error result; a malformed or unsupported event fails the invocation.
      if (error instanceof InvalidBase64BodyError || error instanceof InvalidHeaderError) {
        return Promise.resolve(clientError(400, error, source!, record!, settings));
      }
      if (error instanceof TooManyHeadersError) return Promise.resolve(clientError(431, error, source!, record!, settings));
      return Promise.reject(error);
    }
    return new Promise((resolve) => {
      const invocation = new Invocation<LambdaResult>(source, record, context, settings, resolve);
      const req = createRequest(parts, invocation);
      attachSlot(req, createSlot(record, source, context, parts.body));
      const res = createResponse(req, invocation);
      invocation.run(listener, req, res);
      // Most apps end a simple response synchronously; those need no timer.
      if (!res.writableEnded) invocation.startDeadline();
    });
  };
}

function clientError(
  statusCode: number,
  error: Error,
  source: AnyEventSource,
  event: EventRecord,
  settings: TranslationSettings,
): LambdaResult {
  debug('returning a %d result: %s', statusCode, error.message);
  return source.toResult(plainResponse(statusCode, error.message), event, settings) as LambdaResult;
}
