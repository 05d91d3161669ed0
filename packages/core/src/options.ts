/**
 * Handler options: their types, defaults and the one-time validation that
 * makes a mistake fail at cold start instead of on a request.
 */
import type { Context } from 'aws-lambda';
import { isBinaryResponse, type IsBinaryPredicate } from './body.js';
import { InvalidOptionError } from './errors.js';
import { normaliseBasePath } from './path.js';
import type { TranslationSettings } from './sources/types.js';

/** Options of `createHandler` and of every framework adapter. */
export interface HandlerOptions {
  /**
   * Decides whether a response body is binary and so sent base64-encoded.
   * Default: `isBinaryResponse`.
   */
  isBinary?: IsBinaryPredicate;
  /**
   * How long before the Lambda deadline the handler gives up on a response
   * that has not ended and returns a 504 result, in milliseconds. Default: 1000. The
   * timer is rounded to tenths of a second, so the 504 may come up to 99 ms
   * earlier.
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
  /** The maximum number of header fields in a request; a request with more gets a 431 result. Default: 2000, as in Node's HTTP server. */
  maxHeaderCount?: number;
  /**
   * Called when the handler returns a result in the app's place: 500 when an error escaped
   * the app and its framework, 502 when the app destroyed the response or
   * its socket, 504 when the deadline passed. Also called, with
   * `afterResponse: true`, for an error that escapes after the app ended its
   * response. The library logs nothing by default, so this is the place to
   * log these failures. An error it throws is ignored.
   */
  onError?: (error: unknown, info: ErrorInfo) => void;
}

/** Details of a failed invocation, passed to `onError`. */
export interface ErrorInfo {
  /**
   * The status of the result the handler returned: 500, 502 or 504 in the
   * app's place, or the app's own status when `afterResponse` is true.
   */
  readonly statusCode: number;
  /** `true` when the error came after the app had ended its response, which was kept. */
  readonly afterResponse: boolean;
  /** The Lambda event of the invocation. */
  readonly event: unknown;
  /** The Lambda context of the invocation, if the caller passed one. */
  readonly context: Context | undefined;
}

// Segments of path characters, with an optional leading and trailing slash;
// '' means no base path.
const BASE_PATH = /^\/?(?:[^/?#\s]+\/)*[^/?#\s]*\/?$/;

const KNOWN_OPTIONS = new Set([
  'isBinary',
  'timeoutMarginMs',
  'ignoreStageInPath',
  'basePath',
  'maxHeaderCount',
  'onError',
]);

const IGNORE_STAGE_ENV = 'AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH';

/** Reads `AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH`: `true` or `1` in any letter case; anything else is off. */
export function readIgnoreStageEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[IGNORE_STAGE_ENV]?.trim().toLowerCase();
  return value === 'true' || value === '1';
}

/** Options after validation, with their defaults applied. */
export interface ResolvedOptions extends TranslationSettings {
  readonly timeoutMarginMs: number;
  readonly onError: ((error: unknown, info: ErrorInfo) => void) | undefined;
}

/** Validates the options once, when the handler is created, so mistakes fail at cold start. */
export function resolveOptions(options: HandlerOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidOptionError('options', 'an object', options);
  }
  for (const name of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(name)) {
      throw new InvalidOptionError(
        name,
        `a known option name (${[...KNOWN_OPTIONS].join(', ')}), but this name is unknown; its value was`,
        (options as Record<string, unknown>)[name],
      );
    }
  }
  const { isBinary = isBinaryResponse, timeoutMarginMs = 1000, basePath = '', maxHeaderCount = 2000 } = options;
  if (typeof isBinary !== 'function') throw new InvalidOptionError('isBinary', 'a function', isBinary);
  if (typeof timeoutMarginMs !== 'number' || !Number.isFinite(timeoutMarginMs) || timeoutMarginMs < 0) {
    throw new InvalidOptionError('timeoutMarginMs', 'a number of milliseconds, 0 or more', timeoutMarginMs);
  }
  if (options.ignoreStageInPath !== undefined && typeof options.ignoreStageInPath !== 'boolean') {
    throw new InvalidOptionError('ignoreStageInPath', 'a boolean', options.ignoreStageInPath);
  }
  if (typeof basePath !== 'string' || !BASE_PATH.test(basePath)) {
    throw new InvalidOptionError('basePath', 'path segments such as "/api" or "/api/v1", without "?", "#" or empty segments', basePath);
  }
  if (!Number.isInteger(maxHeaderCount) || maxHeaderCount < 1) {
    throw new InvalidOptionError('maxHeaderCount', 'an integer of 1 or more', maxHeaderCount);
  }
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new InvalidOptionError('onError', 'a function (error, info) => void', options.onError);
  }
  return {
    isBinary,
    timeoutMarginMs,
    ignoreStageInPath: options.ignoreStageInPath ?? readIgnoreStageEnv(),
    basePath: normaliseBasePath(basePath),
    maxHeaderCount,
    onError: options.onError,
  };
}
