import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { bodyParser } from '@koa/bodyparser';
import type { Context } from 'aws-lambda';
import type Koa from 'koa';
import { InvalidOptionError, withQueryStringParameters } from '@lambda-http/core';
import { z } from 'zod';
import { handle, lambdaExtensions } from '../src/index';

type KoaConstructor = typeof Koa;
const versions: Array<[string, KoaConstructor]> = [
  ['Koa 2', require('koa2') as KoaConstructor],
  ['Koa 3', require('koa') as KoaConstructor],
];

function restEvent(path: string, query: Record<string, string[]>, body?: string) {
  return {
    resource: '/orders/{id}',
    path,
    httpMethod: body === undefined ? 'GET' : 'POST',
    headers: { Host: 'api.example.com', 'Content-Type': 'application/json' },
    multiValueHeaders: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: query,
    pathParameters: { id: path.split('/').pop() },
    stageVariables: { table: 'orders' },
    requestContext: { path, stage: 'prod', requestId: `id-${path}`, identity: { sourceIp: '192.0.2.1' } },
    body: body ?? null,
    isBase64Encoded: false,
  };
}

function bodyOf(result: unknown): unknown {
  return JSON.parse((result as { body: string }).body);
}

const Order = z.object({ items: z.array(z.string()) });

describe.each(versions)('%s', (_name, KoaClass) => {
  function createApp(): Koa {
    const app = new KoaClass();
    app.silent = true;
    app.use(bodyParser());
    app.use(async (ctx) => {
      const context = ctx.lambda.requestContext();
      ctx.body = {
        id: ctx.lambda.pathParameters().get('id'),
        tags: ctx.lambda.queryStringParameters().all('tag'),
        table: ctx.lambda.stageVariables().get('table'),
        requestId: context?.source === 'apiGatewayV1' ? context.requestContext.requestId : undefined,
        awsRequestId: ctx.lambda.lambdaContext()?.awsRequestId,
        raw: ctx.lambda.rawHttpPath(),
        // The body parser has consumed the stream; the payload still comes from the event.
        parsedByKoa: (ctx.request as { body?: unknown }).body,
        payload: ctx.method === 'POST' ? await ctx.lambda.payload(Order) : null,
      };
    });
    return app;
  }

  it('exposes ctx.lambda through handle', async () => {
    const handler = handle(createApp());
    const result = await handler(restEvent('/orders/7', { tag: ['a', 'b'] }, '{"items":["x"]}'), {
      awsRequestId: 'aws-7',
    } as Context);
    expect(bodyOf(result)).toEqual({
      id: '7',
      tags: ['a', 'b'],
      table: 'orders',
      requestId: 'id-/orders/7',
      awsRequestId: 'aws-7',
      raw: '/orders/7',
      parsedByKoa: { items: ['x'] },
      payload: { items: ['x'] },
    });
  });

  it('calls app.callback() once per handler', async () => {
    const app = createApp();
    const callback = jest.spyOn(app, 'callback');
    const handler = handle(app);
    await handler(restEvent('/orders/1', {}));
    await handler(restEvent('/orders/2', {}));
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('defines ctx.lambda with the middleware', async () => {
    const app = new KoaClass();
    app.use(lambdaExtensions());
    app.use((ctx) => {
      ctx.body = { own: Object.prototype.hasOwnProperty.call(ctx, 'lambda'), q: ctx.lambda.queryStringParameters().first('q') };
    });
    // Outside `handle`: a request prepared with a builder, straight through Koa's listener.
    const req = withQueryStringParameters(new IncomingMessage(new Socket()), { q: 'built' });
    req.method = 'GET';
    req.url = '/';
    const res = new ServerResponse(req);
    let written = '';
    res.end = ((chunk: unknown) => {
      written = String(chunk);
      return res;
    }) as ServerResponse['end'];
    await app.callback()(req, res);
    expect(JSON.parse(written)).toEqual({ own: true, q: 'built' });
  });

  it('keeps overlapping invocations apart', async () => {
    const count = 6;
    let started = 0;
    let release!: () => void;
    const allStarted = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app = new KoaClass();
    app.use(async (ctx) => {
      started += 1;
      if (started === count) release();
      await allStarted;
      ctx.body = { n: ctx.lambda.queryStringParameters().first('n'), id: ctx.lambda.pathParameters().get('id') };
    });
    const handler = handle(app);
    const results = await Promise.all(
      Array.from({ length: count }, (_, n) => handler(restEvent(`/orders/${n}`, { n: [String(n)] }))),
    );
    expect(results.map(bodyOf)).toEqual(Array.from({ length: count }, (_, n) => ({ n: String(n), id: String(n) })));
  });
});

describe('handle argument check', () => {
  it.each([
    ['null', null],
    ['an empty object', {}],
    ['the Koa class', require('koa') as unknown],
    ['an app without a context', { callback: () => () => undefined }],
  ])('rejects %s', (_name, app) => {
    expect(() => handle(app as never)).toThrow(InvalidOptionError);
    expect(() => handle(app as never)).toThrow('Invalid option `app`: expected a Koa application');
  });
});
