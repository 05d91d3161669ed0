/** Types `request.lambda` on every Fastify request. */
import type { LambdaExtensions } from '@lambda-http/core';

export type { LambdaExtensions };

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The Lambda data of this request (query string parameters, path
     * parameters, request context, payload and more), created on first
     * access. Defined in every context where the `lambdaExtensions` plugin
     * is registered, and in their child contexts.
     */
    readonly lambda: LambdaExtensions;
  }
}
