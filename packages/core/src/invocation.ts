/**
 * One invocation from the listener call to the result, including the 500,
 * 502 and 504 results the handler returns in the app's place.
 */
import type { Context } from 'aws-lambda';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { debug } from './debug.js';
import { ResponseAbortedError, ResponseTimeoutError } from './errors.js';
import type { ExchangeSink } from './node/sink.js';
import type { ErrorInfo, ResolvedOptions } from './options.js';
import type { AnyEventSource } from './sources/index.js';
import type { EventRecord } from './sources/shared.js';
import type { ResponseSnapshot } from './sources/types.js';

/** Any Node request listener: an Express app, Koa's `app.callback()`, a plain function. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

// setTimeout stores delays in a signed 32-bit integer; a longer one would fire at once.
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;
const DEADLINE_GRANULARITY_MS = 100;

/**
 * The state of one invocation between the listener call and the result. It
 * is the exchange sink of its request and response, and settles once: on
 * the finished response, or on a 500, 502 or 504 result of its own.
 */
export class Invocation<Result> implements ExchangeSink {
  /** The status of the result once the invocation has settled. */
  private settledStatus: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private req: IncomingMessage | undefined;
  private res: ServerResponse | undefined;

  constructor(
    private readonly source: AnyEventSource,
    private readonly event: EventRecord,
    private readonly context: Context | undefined,
    private readonly settings: ResolvedOptions,
    private readonly resolve: (result: Result) => void,
  ) {}

  run(listener: RequestListener, req: IncomingMessage, res: ServerResponse): void {
    this.req = req;
    this.res = res;
    try {
      const returned = listener(req, res);
      if (isThenable(returned)) returned.then(undefined, (error: unknown) => this.fail(500, error));
    } catch (error) {
      this.fail(500, error);
    }
  }

  /** Arms the 504 timer from the context's remaining time; a missing or non-finite time sets no deadline. */
  startDeadline(): void {
    if (this.settledStatus !== undefined) return;
    const remaining = this.readRemainingTime();
    if (remaining === undefined) return;
    const exact = Math.min(MAX_TIMER_DELAY_MS, Math.max(0, remaining - this.settings.timeoutMarginMs));
    // Node keeps one timer list per distinct delay, and the remaining time
    // differs on every invocation. Rounding down to whole tenths of a second
    // lets invocations share lists; the 504 then comes up to 99 ms early.
    const delay = exact - (exact % DEADLINE_GRANULARITY_MS);
    this.timer = setTimeout(() => this.fail(504, new ResponseTimeoutError(remaining, this.settings.timeoutMarginMs)), delay);
  }

  finish(snapshot: ResponseSnapshot): void {
    this.settle(snapshot);
  }

  abort(error: Error | undefined): void {
    this.fail(502, new ResponseAbortedError(error));
  }

  private readRemainingTime(): number | undefined {
    try {
      const remaining = this.context?.getRemainingTimeInMillis?.();
      return typeof remaining === 'number' && Number.isFinite(remaining) ? remaining : undefined;
    } catch (error) {
      debug('getRemainingTimeInMillis threw, so no deadline is set: %o', error);
      return undefined;
    }
  }

  /**
   * Returns a result in the app's place, then tears the exchange down so that the app sees
   * 'close' and stops writing to a response that no client will receive.
   * An error after the app ended its response keeps that response: the
   * error is only reported.
   */
  private fail(statusCode: 500 | 502 | 504, error: unknown): void {
    const responseEnded = this.res?.writableEnded === true;
    if (this.settledStatus === undefined && !responseEnded) {
      debug("returning %d in the app's place: %o", statusCode, error);
      this.settle(plainResponse(statusCode, STATUS_CODES[statusCode]!));
      reportError(this.settings.onError, error, { statusCode, afterResponse: false, event: this.event, context: this.context });
      this.tearDown();
      return;
    }
    // Closing the exchange after it settled (the app's doing or the tear-down) is no failure.
    if (statusCode === 502) return;
    debug('error after the response was complete: %o', error);
    reportError(this.settings.onError, error, {
      statusCode: this.settledStatus ?? this.res?.statusCode ?? statusCode,
      afterResponse: true,
      event: this.event,
      context: this.context,
    });
  }

  private tearDown(): void {
    this.res?.destroy();
    this.req?.destroy();
    // Destroying a request that was read leaves its socket open, so close it too.
    this.req?.socket.destroy();
  }

  private settle(snapshot: ResponseSnapshot): void {
    if (this.settledStatus !== undefined) return;
    this.settledStatus = snapshot.statusCode;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.resolve(this.source.toResult(snapshot, this.event, this.settings) as Result);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

export function plainResponse(statusCode: number, text: string): ResponseSnapshot {
  return {
    statusCode,
    statusMessage: STATUS_CODES[statusCode] ?? '',
    headers: [['content-type', ['text/plain; charset=utf-8']]],
    body: Buffer.from(text),
  };
}


function reportError(onError: ResolvedOptions['onError'], error: unknown, info: ErrorInfo): void {
  if (onError === undefined) return;
  try {
    onError(error, info);
  } catch (hookError) {
    debug('the onError option threw: %o', hookError);
  }
}
