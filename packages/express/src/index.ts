/**
 * @module @lambda-http/express
 * Serves AWS Lambda HTTP events with an Express 4 or 5 app, and types the
 * Lambda data of each request as `req.lambda`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHandler, InvalidOptionError, type HandlerOptions, type LambdaHttpHandler } from '@lambda-http/core';

/** An Express application, or any function with its `(req, res)` call shape. */
export type ExpressApp = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Turns an Express app into a Lambda handler. Build the app once at module
 * scope; every invocation reuses it.
 *
 * Every request has `req.lambda`, the Lambda data of its invocation. Core
 * defines it as an own property of the Node request, so it survives Express
 * swapping the request prototype, mounted sub-apps included.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { handle } from '@lambda-http/express';
 *
 * const app = express();
 * app.get('/hello', (req, res) => res.json({ hello: 'world' }));
 *
 * export const handler = handle(app);
 * ```
 */
export function handle(app: ExpressApp, options?: HandlerOptions): LambdaHttpHandler {
  if (typeof app !== 'function') {
    throw new InvalidOptionError('app', 'an Express application (a function (req, res) => void)', app);
  }
  return createHandler((req, res) => {
    declareExpressFields(req, res);
    return app(req, res);
  }, options);
}

/**
 * Creates, with the values Express itself would give them, the properties
 * that Express and its router add to every request and response.
 *
 * Express replaces the prototype of each request and response with one that
 * V8 keeps in dictionary mode. After that, every property added to the
 * object takes a slow, uncached path, which profiles showed as about half of
 * Express's own time per request. Added here, while the prototype is still
 * Node's, the same properties cost little, and Express's later writes only
 * change their values. Each one is written unconditionally by Express 4 or 5
 * or by body-parser, which also reads `body` with an `in` check that an
 * undefined own `body` satisfies the same way.
 *
 * NOTE: `query` is left out on purpose: Express 5 defines it as a getter on
 * its request prototype, which an own property would hide.
 */
function declareExpressFields(req: IncomingMessage, res: ServerResponse): void {
  const request = req as unknown as Record<string, unknown>;
  request['res'] = res;
  request['next'] = undefined;
  request['baseUrl'] = undefined;
  request['originalUrl'] = undefined;
  request['params'] = undefined;
  request['route'] = undefined;
  request['body'] = undefined;
  request['_body'] = undefined;
  request['_parsedUrl'] = undefined;
  request['_parsedOriginalUrl'] = undefined;
  const response = res as unknown as Record<string, unknown>;
  response['req'] = req;
  response['locals'] = Object.create(null);
}

// Exported through augment.ts so that the bundled declarations keep its module
// augmentation, which the declaration bundler leaves out for a bare `import './augment.js'`.
export type { LambdaExtensions } from './augment.js';
export type { HandlerOptions, LambdaHttpHandler, LambdaResult } from '@lambda-http/core';
