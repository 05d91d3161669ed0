import type { Context } from 'aws-lambda';
import express from 'express';
import Fastify from 'fastify';
import Koa from 'koa';
import { z } from 'zod';
import { handle as handleExpress } from '@lambda-http/express';
import { handle as handleFastify, lambdaExtensions } from '@lambda-http/fastify';
import { handle as handleKoa } from '@lambda-http/koa';

// A route that validates its payload and lets the error escape must get a
// 400 through each framework's own error handling, not 500.
const Order = z.object({ item: z.string() });

function post(body: string) {
  return {
    version: '2.0',
    rawPath: '/orders',
    rawQueryString: '',
    headers: { host: 'api.example.com', 'content-type': 'application/json' },
    requestContext: { http: { method: 'POST', path: '/orders', sourceIp: '127.0.0.1' }, stage: '$default' },
    body,
    isBase64Encoded: false,
  };
}

const context = { getRemainingTimeInMillis: () => 30_000 } as Context;

function expressHandler() {
  const app = express();
  app.post('/orders', async (req, res) => {
    res.status(201).json(await req.lambda.payload(Order));
  });
  return handleExpress(app);
}

function koaHandler() {
  const app = new Koa();
  app.silent = true;
  app.use(async (ctx) => {
    ctx.status = 201;
    ctx.body = await ctx.lambda.payload(Order);
  });
  return handleKoa(app);
}

function fastifyHandler() {
  const app = Fastify();
  void app.register(lambdaExtensions);
  app.post('/orders', async (request, reply) => {
    reply.code(201);
    return request.lambda.payload(Order);
  });
  return handleFastify(app);
}

describe.each([
  ['Express', expressHandler],
  ['Koa', koaHandler],
  ['Fastify', fastifyHandler],
])('%s payload errors', (_name, makeHandler) => {
  const handler = makeHandler();

  it('accepts a valid payload', async () => {
    expect((await handler(post('{"item":"tea"}'), context)).statusCode).toBe(201);
  });

  it('answers 400 to malformed JSON', async () => {
    expect((await handler(post('{"item":'), context)).statusCode).toBe(400);
  });

  it('answers 400 to a payload that fails validation', async () => {
    expect((await handler(post('{"item":7}'), context)).statusCode).toBe(400);
  });
});
