/**
 * @module @lambda-http/fastify
 * Serves AWS Lambda HTTP events with a Fastify 5 instance, and exposes the
 * Lambda data of each request as `request.lambda` through a plugin.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createHandler,
  getLambdaExtensions,
  InvalidOptionError,
  type HandlerOptions,
  type LambdaExtensions,
  type LambdaHttpHandler,
  type LambdaResult,
} from '@lambda-http/core';
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';

/** The part of a Fastify instance that `handle` uses, typed by shape so that instances with any type provider or logger fit. */
export interface FastifyApplication {
  /** Loads every registered plugin. Fastify loads them once, and later calls return the same promise. */
  ready(): PromiseLike<unknown>;
  /** Fastify's documented entry point that routes one Node request. */
  routing(req: IncomingMessage, res: ServerResponse): void;
}

const PLUGIN_NAME = '@lambda-http/fastify';

function registerLambdaExtensions(
  instance: Parameters<FastifyPluginCallback>[0],
  _options: Record<never, never>,
  done: (error?: Error) => void,
): void {
  // Registered twice on one path (say by the root and by a child plugin), the
  // second registration finds the decorator inherited and leaves it.
  if (!instance.hasRequestDecorator('lambda')) {
    instance.decorateRequest('lambda', {
      getter(this: FastifyRequest): LambdaExtensions {
        return getLambdaExtensions(this.raw);
      },
    });
  }
  done();
}

/**
 * A Fastify plugin that defines `request.lambda`. It skips Fastify's
 * encapsulation (as plugins wrapped with `fastify-plugin` do), so the
 * decorator lands in the context that registers it and every child context
 * inherits it: register it on the root instance to reach every route.
 *
 * Reading `request.lambda` throws a `LambdaHttpError`
 * (`LHTTP_ERR_MISSING_EXTENSIONS`) for a request without Lambda data, such
 * as one sent with `inject` and no `with*` builder applied.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { handle, lambdaExtensions } from '@lambda-http/fastify';
 *
 * const app = Fastify();
 * app.register(lambdaExtensions);
 * app.get('/orders/:id', async (request) => ({
 *   requestId: request.lambda.lambdaContext()?.awsRequestId,
 * }));
 *
 * export const handler = handle(app);
 * ```
 */
export const lambdaExtensions: FastifyPluginCallback = Object.assign(registerLambdaExtensions, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: PLUGIN_NAME,
  [Symbol.for('plugin-meta')]: { name: PLUGIN_NAME, fastify: '5.x' },
});

// Checks the shape that `handle` uses when it is called, because a wrong
// argument would otherwise surface only as a TypeError in the first invocation.
function assertFastifyApplication(app: unknown): asserts app is FastifyApplication {
  const candidate = app as Partial<FastifyApplication> | null;
  const isApplication =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.ready === 'function' &&
    typeof candidate.routing === 'function';
  if (!isApplication) {
    throw new InvalidOptionError('app', 'a Fastify instance (an object with ready() and routing() methods)', app);
  }
}

/**
 * Turns a Fastify instance into a Lambda handler. Register every plugin and
 * route first. The first invocation calls `app.ready()`, and every later one
 * awaits that same promise, so plugins load once per process. Each request
 * then goes through `app.routing(req, res)`, Fastify's own routing entry
 * point, without a server or socket.
 *
 * When `ready()` fails, that invocation and every later one reject with its
 * error, because Fastify cannot load its plugins a second time.
 *
 * Throws an `InvalidOptionError` (`LHTTP_ERR_INVALID_OPTION`) when `app` is
 * not a Fastify instance or an option is invalid.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { handle } from '@lambda-http/fastify';
 *
 * const app = Fastify();
 * app.get('/hello', async () => ({ hello: 'world' }));
 *
 * export const handler = handle(app);
 * ```
 */
export function handle(app: FastifyApplication, options?: HandlerOptions): LambdaHttpHandler {
  assertFastifyApplication(app);
  const handler = createHandler((req, res) => app.routing(req, res), options);
  let ready: Promise<void> | undefined;
  let isReady = false;

  return function fastifyLambdaHandler(event, context): Promise<LambdaResult> {
    // Once the plugins have loaded, invocations skip the wait and its extra tick.
    if (isReady) return handler(event, context);
    ready ??= Promise.resolve(app.ready()).then(() => {
      isReady = true;
    });
    return ready.then(() => handler(event, context));
  };
}

// Exported through augment.ts so that the bundled declarations keep its module
// augmentation, which the declaration bundler leaves out for a bare `import './augment.js'`.
export type { LambdaExtensions } from './augment.js';
export type { HandlerOptions, LambdaHttpHandler, LambdaResult } from '@lambda-http/core';
