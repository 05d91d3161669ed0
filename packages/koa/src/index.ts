/**
 * @module @lambda-http/koa
 * Serves AWS Lambda HTTP events with a Koa 2 or 3 app, and exposes the Lambda
 * data of each request as `ctx.lambda`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createHandler,
  getLambdaExtensions,
  InvalidOptionError,
  type HandlerOptions,
  type LambdaExtensions,
  type LambdaHttpHandler,
} from '@lambda-http/core';
import type { DefaultContext, DefaultState, Middleware } from 'koa';

/** The part of a Koa application that `handle` uses, typed by shape so that apps with any state and context types fit. */
export interface KoaApplication {
  /** Koa's request listener, built from the middleware added so far. */
  callback(): (req: IncomingMessage, res: ServerResponse) => unknown;
  /** The prototype of every context that the app creates. */
  readonly context: object;
}

// Shared by every context: reads the Lambda data from the Node request under
// the context, so nothing is stored per context.
const lambdaProperty: PropertyDescriptor = {
  configurable: true,
  enumerable: false,
  get(this: { req: IncomingMessage }): LambdaExtensions {
    return getLambdaExtensions(this.req);
  },
};

// Checks the shape that `handle` uses, so that a wrong argument (such as the
// Koa class instead of `new Koa()`) fails with a message, not a bare TypeError.
function assertKoaApplication(app: unknown): asserts app is KoaApplication {
  const candidate = app as Partial<KoaApplication> | null;
  const isApplication =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.callback === 'function' &&
    typeof candidate.context === 'object' &&
    candidate.context !== null;
  if (!isApplication) {
    throw new InvalidOptionError('app', 'a Koa application (an object with a callback() method and a context object)', app);
  }
}

/**
 * Creates a Koa middleware that defines `ctx.lambda` on each context. Apps
 * passed to `handle` have `ctx.lambda` without it. The middleware is for
 * contexts that Koa creates elsewhere, such as in a test whose request
 * carries data attached with the `with*` builders of `@lambda-http/core`.
 *
 * Reading `ctx.lambda` throws a `LambdaHttpError` (`LHTTP_ERR_MISSING_EXTENSIONS`)
 * for a request without Lambda data.
 *
 * @example
 * ```ts
 * app.use(lambdaExtensions());
 * app.use((ctx) => {
 *   ctx.body = { name: ctx.lambda.queryStringParameters().first('name') };
 * });
 * ```
 */
export function lambdaExtensions<StateT = DefaultState, ContextT = DefaultContext>(): Middleware<StateT, ContextT> {
  return function lambdaExtensionsMiddleware(ctx, next) {
    Object.defineProperty(ctx, 'lambda', lambdaProperty);
    return next();
  };
}

/**
 * Turns a Koa app into a Lambda handler. Add every middleware first: the
 * handler takes `app.callback()` once, when it is created, and Koa composes
 * the middleware at that moment. Build the app and the handler once, outside
 * the handler function; every invocation reuses them.
 *
 * It also defines `ctx.lambda` on the app's context prototype (`app.context`,
 * Koa's documented place for context properties).
 *
 * Throws an `InvalidOptionError` (`LHTTP_ERR_INVALID_OPTION`) when `app` is
 * not a Koa application or an option is invalid.
 *
 * @example
 * ```ts
 * import Koa from 'koa';
 * import { handle } from '@lambda-http/koa';
 *
 * const app = new Koa();
 * app.use((ctx) => {
 *   ctx.body = { tags: ctx.lambda.queryStringParameters().all('tag') };
 * });
 *
 * export const handler = handle(app);
 * ```
 */
export function handle(app: KoaApplication, options?: HandlerOptions): LambdaHttpHandler {
  assertKoaApplication(app);
  Object.defineProperty(app.context, 'lambda', lambdaProperty);
  return createHandler(app.callback(), options);
}

// Exported through augment.ts so that the bundled declarations keep its module
// augmentation, which the declaration bundler leaves out for a bare `import './augment.js'`.
export type { LambdaExtensions } from './augment.js';
export type { HandlerOptions, LambdaHttpHandler, LambdaResult } from '@lambda-http/core';
