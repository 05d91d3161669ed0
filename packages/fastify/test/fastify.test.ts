import type { Context } from 'aws-lambda';
import Fastify, { type FastifyInstance } from 'fastify';
import { InvalidOptionError, withQueryStringParameters } from '@lambda-http/core';
import { z } from 'zod';
import { handle, lambdaExtensions } from '../src/index';

function httpEvent(rawPath: string, rawQueryString: string, body?: string) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { host: 'api.example.com', 'content-type': 'application/json' },
    pathParameters: { id: rawPath.split('/').pop() },
    stageVariables: { table: 'orders' },
    requestContext: {
      domainName: 'api.example.com',
      http: { method: body === undefined ? 'GET' : 'POST', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 't' },
      requestId: `id-${rawPath}`,
      stage: '$default',
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
}

function bodyOf(result: unknown): unknown {
  return JSON.parse((result as { body: string }).body);
}

function statusOf(result: unknown): number {
  return (result as { statusCode: number }).statusCode;
}

const Order = z.object({ items: z.array(z.string()) });

describe('request.lambda', () => {
  const app = Fastify();
  void app.register(lambdaExtensions);
  app.post('/orders/:id', async (request) => {
    const context = request.lambda.requestContext();
    return {
      id: request.lambda.pathParameters().get('id'),
      tags: request.lambda.queryStringParameters().all('tag'),
      table: request.lambda.stageVariables().get('table'),
      requestId: context?.source === 'apiGatewayV2' ? context.requestContext.requestId : undefined,
      awsRequestId: request.lambda.lambdaContext()?.awsRequestId,
      raw: request.lambda.rawHttpPath(),
      // Fastify's JSON parser has consumed the stream; the payload still comes from the event.
      parsedByFastify: request.body,
      payload: await request.lambda.payload(Order),
    };
  });
  void app.register(async (child) => {
    child.get('/child/:id', async (request) => ({ id: request.lambda.pathParameters().get('id') }));
  });
  const handler = handle(app);

  it('reads every extension in a route', async () => {
    const result = await handler(httpEvent('/orders/7', 'tag=a&tag=b', '{"items":["x"]}'), {
      awsRequestId: 'aws-7',
    } as Context);
    expect(bodyOf(result)).toEqual({
      id: '7',
      tags: ['a', 'b'],
      table: 'orders',
      requestId: 'id-/orders/7',
      awsRequestId: 'aws-7',
      raw: '/orders/7',
      parsedByFastify: { items: ['x'] },
      payload: { items: ['x'] },
    });
  });

  it('reaches routes of child contexts', async () => {
    const result = await handler(httpEvent('/child/3', ''));
    expect(bodyOf(result)).toEqual({ id: '3' });
  });

  it('is the same object within one request', async () => {
    const sameApp = Fastify();
    void sameApp.register(lambdaExtensions);
    sameApp.get('/same', async (request) => ({ same: request.lambda === request.lambda }));
    expect(bodyOf(await handle(sameApp)(httpEvent('/same', '')))).toEqual({ same: true });
  });
});

describe('lambdaExtensions plugin', () => {
  it('stays inside the child context that registers it', async () => {
    const app = Fastify();
    void app.register(async (child) => {
      void child.register(lambdaExtensions);
      child.get('/inside', async (request) => ({ q: request.lambda.queryStringParameters().first('q') }));
    });
    app.get('/outside', async (request) => ({ decorated: 'lambda' in request }));
    const handler = handle(app);
    expect(bodyOf(await handler(httpEvent('/inside', 'q=1')))).toEqual({ q: '1' });
    expect(bodyOf(await handler(httpEvent('/outside', '')))).toEqual({ decorated: false });
  });

  it('can be registered by the root and a child', async () => {
    const app = Fastify();
    void app.register(lambdaExtensions);
    void app.register(async (child) => {
      void child.register(lambdaExtensions);
      child.get('/twice', async (request) => ({ q: request.lambda.queryStringParameters().first('q') }));
    });
    expect(bodyOf(await handle(app)(httpEvent('/twice', 'q=2')))).toEqual({ q: '2' });
  });

  it('reads builder data on an injected request', async () => {
    const app = Fastify();
    void app.register(lambdaExtensions);
    app.addHook('onRequest', async (request) => {
      withQueryStringParameters(request.raw, { q: 'built' });
    });
    app.get('/built', async (request) => ({ q: request.lambda.queryStringParameters().first('q') }));
    const response = await app.inject({ method: 'GET', url: '/built' });
    expect(response.json()).toEqual({ q: 'built' });
  });
});

describe('handle', () => {
  it('loads plugins once for many invocations', async () => {
    const app = Fastify();
    let loads = 0;
    void app.register(async () => {
      loads += 1;
    });
    const ready = jest.spyOn(app, 'ready');
    app.get('/count', async () => ({ loads }));
    const handler = handle(app);
    const results = await Promise.all([handler(httpEvent('/count', '')), handler(httpEvent('/count', ''))]);
    await handler(httpEvent('/count', ''));
    expect(results.map(bodyOf)).toEqual([{ loads: 1 }, { loads: 1 }]);
    expect(loads).toBe(1);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('routes through app.routing', async () => {
    const app = Fastify();
    app.get('/routed', async () => ({ ok: true }));
    const routing = jest.spyOn(app, 'routing');
    const result = await handle(app)(httpEvent('/routed', ''));
    expect(bodyOf(result)).toEqual({ ok: true });
    expect(routing).toHaveBeenCalledTimes(1);
  });

  it('answers 404 for an unknown route', async () => {
    const app = Fastify();
    expect(statusOf(await handle(app)(httpEvent('/missing', '')))).toBe(404);
  });

  it('rejects every invocation when a plugin fails to load', async () => {
    const app = Fastify();
    void app.register(async () => {
      throw new Error('plugin failed');
    });
    const handler = handle(app);
    await expect(handler(httpEvent('/', ''))).rejects.toThrow('plugin failed');
    await expect(handler(httpEvent('/', ''))).rejects.toThrow('plugin failed');
  });

  it('keeps overlapping invocations apart', async () => {
    const count = 6;
    let started = 0;
    let release!: () => void;
    const allStarted = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app: FastifyInstance = Fastify();
    void app.register(lambdaExtensions);
    app.get('/slow/:id', async (request) => {
      started += 1;
      if (started === count) release();
      await allStarted;
      return { n: request.lambda.queryStringParameters().first('n'), id: request.lambda.pathParameters().get('id') };
    });
    const handler = handle(app);
    const results = await Promise.all(Array.from({ length: count }, (_, n) => handler(httpEvent(`/slow/${n}`, `n=${n}`))));
    expect(results.map(bodyOf)).toEqual(Array.from({ length: count }, (_, n) => ({ n: String(n), id: String(n) })));
  });
});

describe('handle argument check', () => {
  it.each([
    ['null', null],
    ['an empty object', {}],
    ['the Fastify factory', Fastify],
    ['an instance without routing', { ready: async () => undefined }],
  ])('rejects %s', (_name, app) => {
    expect(() => handle(app as never)).toThrow(InvalidOptionError);
    expect(() => handle(app as never)).toThrow('Invalid option `app`: expected a Fastify instance');
  });
});
