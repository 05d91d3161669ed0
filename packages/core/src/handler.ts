/**
 * Turns a Node request listener into a Lambda handler: one invocation is one
 * request through the listener, and the recorded response becomes the result.
 */
import type { Context } from 'aws-lambda';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { isBinaryResponse, type IsBinaryPredicate } from './body.js';
import { debug } from './debug.js';
import { InvalidBase64BodyError, InvalidOptionError, LambdaHttpError, TooManyHeadersError } from './errors.js';
import { attachSlot, createSlot } from './extensions.js';
import { createRequest } from './node/request.js';
import { createResponse } from './node/response.js';
import { normaliseBasePath } from './path.js';
import type { AlbResult } from './sources/alb.js';
import type { HttpResult } from './sources/http.js';
import { detectSource, type AnyEventSource } from './sources/index.js';
import type { RestResult } from './sources/rest.js';
import type { EventRecord } from './sources/shared.js';
import type { ResponseSnapshot, TranslationSettings } from './sources/types.js';

/** Any Node request listener: an Express app, Koa's `app.callback()`, a plain function. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

/** The result for the service that sent the event. */
export type LambdaResult = RestResult | HttpResult | AlbResult;

/** A Lambda handler for HTTP events. */
export type LambdaHttpHandler = (event: unknown, context?: Context) => Promise<LambdaResult>;

/** Options of `createHandler` and of every framework adapter. */
export interface HandlerOptions {
  /**
   * Decides whether a response body is binary and so sent base64-encoded.
   * Default: `isBinaryResponse`.
   */
  isBinary?: IsBinaryPredicate;
  /**
   * How long before the Lambda deadline the handler gives up on a response
   * that has not ended and answers 504, in milliseconds. Default: 1000.
   */
  timeoutMarginMs?: number;
  /**
   * Strip the API Gateway stage from the path the app sees. Default: the
   * environment variable `AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH` is `true` or
   * `1` (any letter case), read when the handler is created.
   */
  ignoreStageInPath?: boolean;
  /**
   * A custom-domain base path to strip from the path the app sees, after the
   * stage, whole segments only: `/api` strips `/api/x`, never `/apix`.
   */
  basePath?: string;
  /** The most header fields a request may carry; more are answered with 431. Default: 2000, as Node's HTTP server. */
  maxHeaderCount?: number;
}

const IGNORE_STAGE_ENV = 'AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH';

/** Reads `AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH`: `true` or `1` in any letter case; anything else is off. */
export function readIgnoreStageEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[IGNORE_STAGE_ENV]?.trim().toLowerCase();
  return value === 'true' || value === '1';
}

interface ResolvedOptions extends TranslationSettings {
  readonly timeoutMarginMs: number;
}

/** Validates the options once, when the handler is created, so mistakes fail at cold start. */
function resolveOptions(options: HandlerOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError('options', 'an object', options);
  }
  const { isBinary = isBinaryResponse, timeoutMarginMs = 1000, basePath = '', maxHeaderCount = 2000 } = options;
  if (typeof isBinary !== 'function') throw new InvalidOptionError('isBinary', 'a function', isBinary);
  if (typeof timeoutMarginMs !== 'number' || !Number.isFinite(timeoutMarginMs) || timeoutMarginMs < 0) {
    throw new InvalidOptionError('timeoutMarginMs', 'a number of milliseconds, 0 or more', timeoutMarginMs);
  }
  if (options.ignoreStageInPath !== undefined && typeof options.ignoreStageInPath !== 'boolean') {
    throw new InvalidOptionError('ignoreStageInPath', 'a boolean', options.ignoreStageInPath);
  }
  if (typeof basePath !== 'string') throw new InvalidOptionError('basePath', 'a string such as "/api"', basePath);
  if (!Number.isInteger(maxHeaderCount) || maxHeaderCount < 1) {
    throw new InvalidOptionError('maxHeaderCount', 'an integer of 1 or more', maxHeaderCount);
  }
  return {
    isBinary,
    timeoutMarginMs,
    ignoreStageInPath: options.ignoreStageInPath ?? readIgnoreStageEnv(),
    basePath: normaliseBasePath(basePath),
    maxHeaderCount,
  };
}

/**
 * Creates a Lambda handler that serves each HTTP event with `listener`.
 *
 * - A malformed or unsupported event rejects with a `LambdaHttpError`, so the
 *   invocation fails and the error reaches the function's log.
 * - Bad client data gets a client error result: 400 for a body that is not
 *   valid base64, 431 for too many header fields. The app is not called.
 * - An error that escapes the listener becomes a 500 result.
 * - A response still open when the remaining time drops below
 *   `timeoutMarginMs` becomes a 504 result. A context without
 *   `getRemainingTimeInMillis` sets no deadline.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
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
      if (error instanceof InvalidBase64BodyError) return Promise.resolve(clientError(400, error, source!, record!, settings));
      if (error instanceof TooManyHeadersError) return Promise.resolve(clientError(431, error, source!, record!, settings));
      return Promise.reject(error);
    }
    return new Promise((resolve) => {
      const invocation = new Invocation(source, record, settings, resolve);
      const req = createRequest(parts);
      attachSlot(req, createSlot(record, source, context, parts.body));
      const res = createResponse(req, (snapshot) => invocation.finish(snapshot));
      invocation.run(listener, req, res);
      // Most apps end a simple response synchronously; those need no timer.
      if (!res.writableEnded) invocation.startDeadline(context);
    });
  };
}

/** The state of one invocation between the listener call and the result. */
class Invocation {
  private settled = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly source: AnyEventSource,
    private readonly event: EventRecord,
    private readonly settings: ResolvedOptions,
    private readonly resolve: (result: LambdaResult) => void,
  ) {}

  run(listener: RequestListener, req: IncomingMessage, res: ServerResponse): void {
    try {
      const returned = listener(req, res);
      if (isThenable(returned)) returned.then(undefined, (error: unknown) => this.fail(error));
    } catch (error) {
      this.fail(error);
    }
  }

  startDeadline(context: Context | undefined): void {
    if (this.settled || typeof context?.getRemainingTimeInMillis !== 'function') return;
    const delay = Math.max(0, context.getRemainingTimeInMillis() - this.settings.timeoutMarginMs);
    this.timer = setTimeout(() => {
      debug('the app did not end its response before the deadline; answering 504');
      this.answer(plainResponse(504, 'Gateway Timeout'));
    }, delay);
  }

  finish(snapshot: ResponseSnapshot): void {
    this.answer(snapshot);
  }

  private fail(error: unknown): void {
    debug('the app threw an error that its framework did not handle; answering 500: %o', error);
    this.answer(plainResponse(500, 'Internal Server Error'));
  }

  private answer(snapshot: ResponseSnapshot): void {
    if (this.settled) return;
    this.settled = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.resolve(this.source.toResult(snapshot, this.event, this.settings) as LambdaResult);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

function plainResponse(statusCode: number, text: string): ResponseSnapshot {
  return {
    statusCode,
    statusMessage: STATUS_CODES[statusCode] ?? '',
    headers: [['content-type', ['text/plain; charset=utf-8']]],
    body: Buffer.from(text),
  };
}

function clientError(
  statusCode: number,
  error: LambdaHttpError,
  source: AnyEventSource,
  event: EventRecord,
  settings: TranslationSettings,
): LambdaResult {
  debug('answering %d: %s', statusCode, error.message);
  return source.toResult(plainResponse(statusCode, error.message), event, settings) as LambdaResult;
}
