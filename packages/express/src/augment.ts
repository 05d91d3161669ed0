/**
 * Types `req.lambda` on every Express request. The global `Express.Request`
 * interface is the one that `@types/express` merges into its request type.
 */
import type { LambdaExtensions } from '@lambda-http/core';

export type { LambdaExtensions };

declare global {
  namespace Express {
    interface Request {
      /**
       * The Lambda data of this request (query string parameters, path
       * parameters, request context, payload and more), created on first
       * access. Every request that a lambda-http handler creates has it, and
       * so does a request prepared with the `with*` builders of `@lambda-http/core`.
       */
      readonly lambda: LambdaExtensions;
    }
  }
}

