/**
 * Types `ctx.lambda` on every Koa context. `ExtendableContext` is part of
 * every context type, whatever state and context type parameters an app uses.
 */
import type { LambdaExtensions } from '@lambda-http/core';

export type { LambdaExtensions };

declare module 'koa' {
  interface ExtendableContext {
    /**
     * The Lambda data of this request (query string parameters, path
     * parameters, request context, payload and more), created on first
     * access. Defined on apps passed to `handle` and by the
     * `lambdaExtensions()` middleware.
     */
    readonly lambda: LambdaExtensions;
  }
}
