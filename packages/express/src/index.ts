/**
 * @module @lambda-http/express
 * Serves AWS Lambda HTTP events with an Express 4 or 5 app, and types the
 * Lambda data of each request as `req.lambda`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHandler, type HandlerOptions, type LambdaHttpHandler } from '@lambda-http/core';

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
  return createHandler(app, options);
}

// Exported through augment.ts so that the bundled declarations keep its module
// augmentation, which the declaration bundler leaves out for a bare `import './augment.js'`.
export type { LambdaExtensions } from './augment.js';
export type { HandlerOptions, LambdaHttpHandler, LambdaResult } from '@lambda-http/core';
