/**
 * Type tests of the request extensions: the augmentation of each framework's
 * request type and the typed results of the core accessors. Checked by
 * `tsc -p tsconfig.json --noEmit`; a broken augmentation fails to compile.
 */
import type { IncomingMessage } from 'node:http';
import type { Context as LambdaContext } from 'aws-lambda';
import { expectTypeOf } from 'expect-type';
import type { Request as ExpressRequest } from 'express';
import express from 'express';
import Fastify, { type FastifyRequest } from 'fastify';
import Koa from 'koa';
import type { Context as KoaContext, ParameterizedContext } from 'koa';
import { z } from 'zod';
import {
  getPayload,
  getRequestContext,
  withQueryStringParameters,
  type AlbRequestContext,
  type EventSourceName,
  type HttpRequestContext,
  type LambdaExtensions,
  type LambdaRequestContext,
  type QueryMap,
  type RestRequestContext,
} from '@lambda-http/core';
import { handle as handleExpress } from '@lambda-http/express';
import { handle as handleFastify, lambdaExtensions as fastifyLambdaExtensions } from '@lambda-http/fastify';
import { handle as handleKoa, lambdaExtensions as koaLambdaExtensions } from '@lambda-http/koa';

const Order = z.object({ id: z.number(), items: z.array(z.string()) });
type Order = z.infer<typeof Order>;

// Express: `req.lambda` on the request type of routes.
expectTypeOf<ExpressRequest['lambda']>().toEqualTypeOf<LambdaExtensions>();
const expressApp = express();
expressApp.get('/orders/:id', async (req, res) => {
  expectTypeOf(req.lambda).toEqualTypeOf<LambdaExtensions>();
  expectTypeOf(req.lambda.queryStringParameters().first('page')).toEqualTypeOf<string | undefined>();
  expectTypeOf(await req.lambda.payload(Order)).toEqualTypeOf<Order | undefined>();
  // @ts-expect-error `req.lambda` is read-only.
  req.lambda = undefined;
  res.end();
});
handleExpress(expressApp);

// Koa: `ctx.lambda` on the default context and on contexts with custom types.
expectTypeOf<KoaContext['lambda']>().toEqualTypeOf<LambdaExtensions>();
expectTypeOf<ParameterizedContext<{ user: string }, { custom: number }>['lambda']>().toEqualTypeOf<LambdaExtensions>();
const koaApp = new Koa<{ user: string }, { custom: number }>();
koaApp.use(koaLambdaExtensions());
koaApp.use(async (ctx) => {
  expectTypeOf(ctx.lambda.pathParameters()).toEqualTypeOf<ReadonlyMap<string, string>>();
  expectTypeOf(ctx.lambda.lambdaContext()).toEqualTypeOf<LambdaContext | undefined>();
});
handleKoa(koaApp);
handleKoa(new Koa());

// Fastify: `request.lambda` on every request type, whatever its route generics.
expectTypeOf<FastifyRequest['lambda']>().toEqualTypeOf<LambdaExtensions>();
const fastifyApp = Fastify();
void fastifyApp.register(fastifyLambdaExtensions);
fastifyApp.get<{ Params: { id: string } }>('/orders/:id', async (request) => {
  expectTypeOf(request.lambda).toEqualTypeOf<LambdaExtensions>();
  expectTypeOf(request.lambda.rawHttpPath()).toEqualTypeOf<string>();
  return { id: request.params.id };
});
handleFastify(fastifyApp);
handleFastify(Fastify({ logger: false }).withTypeProvider());

// Core: accessor results.
declare const req: IncomingMessage;
expectTypeOf(getPayload(req)).toEqualTypeOf<unknown>();
expectTypeOf(getPayload(req, Order)).toEqualTypeOf<Promise<Order | undefined>>();
expectTypeOf(withQueryStringParameters(req as ExpressRequest, { a: '1' })).toEqualTypeOf<ExpressRequest>();

declare const extensions: LambdaExtensions;
expectTypeOf(extensions.queryStringParameters()).toEqualTypeOf<QueryMap>();
expectTypeOf(extensions.queryStringParameters().all('tag')).toEqualTypeOf<string[]>();
expectTypeOf(extensions.source()).toEqualTypeOf<EventSourceName | undefined>();
expectTypeOf(extensions.payload()).toEqualTypeOf<unknown>();

// The request context narrows by source.
const requestContext = getRequestContext(req);
expectTypeOf(requestContext).toEqualTypeOf<LambdaRequestContext | undefined>();
if (requestContext?.source === 'apiGatewayV1') {
  expectTypeOf(requestContext.requestContext).toEqualTypeOf<RestRequestContext>();
  expectTypeOf(requestContext.requestContext.identity.sourceIp).toEqualTypeOf<string>();
} else if (requestContext?.source === 'apiGatewayV2') {
  expectTypeOf(requestContext.requestContext).toEqualTypeOf<HttpRequestContext>();
  expectTypeOf(requestContext.requestContext.http.method).toEqualTypeOf<string>();
} else if (requestContext?.source === 'alb') {
  expectTypeOf(requestContext.requestContext).toEqualTypeOf<AlbRequestContext>();
  expectTypeOf(requestContext.requestContext.elb.targetGroupArn).toEqualTypeOf<string>();
}
