import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import type { Context } from 'aws-lambda';
import type { Request, Response } from 'express';
import { withBody, withPathParameters, withQueryStringParameters } from '@lambda-http/core';
import { z } from 'zod';
import { handle } from '../src/index';

type ExpressModule = typeof import('express');
const versions: Array<[string, ExpressModule]> = [
  ['Express 4', require('express4') as ExpressModule],
  ['Express 5', require('express') as ExpressModule],
];

function httpEvent(rawPath: string, rawQueryString: string, body?: string) {
  return {
    version: '2.0',
    routeKey: 'POST /orders/{id}',
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

const Order = z.object({ items: z.array(z.string()) });

describe.each(versions)('%s req.lambda', (_name, express) => {
  const app = express();
  app.use(express.json());
  app.post('/orders/:id', async (req: Request, res: Response) => {
    const context = req.lambda.requestContext();
    res.json({
      id: req.lambda.pathParameters().get('id'),
      tags: req.lambda.queryStringParameters().all('tag'),
      table: req.lambda.stageVariables().get('table'),
      requestId: context?.source === 'apiGatewayV2' ? context.requestContext.requestId : undefined,
      awsRequestId: req.lambda.lambdaContext()?.awsRequestId,
      raw: req.lambda.rawHttpPath(),
      // express.json() has consumed the stream; the payload still comes from the event.
      parsedByExpress: req.body as unknown,
      payload: await req.lambda.payload(Order),
    });
  });
  const subApp = express();
  subApp.get('/where', (req: Request, res: Response) => {
    res.json({ raw: req.lambda.rawHttpPath(), first: req.lambda.queryStringParameters().first('q') });
  });
  app.use('/sub', subApp);
  const handler = handle(app);

  it('reads every extension in a route', async () => {
    const result = await handler(httpEvent('/orders/7', 'tag=a&tag=b%2Cc', '{"items":["x"]}'), {
      awsRequestId: 'aws-7',
    } as Context);
    expect(bodyOf(result)).toEqual({
      id: '7',
      tags: ['a', 'b,c'],
      table: 'orders',
      requestId: 'id-/orders/7',
      awsRequestId: 'aws-7',
      raw: '/orders/7',
      parsedByExpress: { items: ['x'] },
      payload: { items: ['x'] },
    });
  });

  it('keeps req.lambda inside a mounted sub-app', async () => {
    const result = await handler(httpEvent('/sub/where', 'q=1'));
    expect(bodyOf(result)).toEqual({ raw: '/sub/where', first: '1' });
  });

  it('keeps overlapping invocations apart', async () => {
    const count = 6;
    let started = 0;
    let release!: () => void;
    const allStarted = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowApp = express();
    slowApp.get('/slow/:n', async (req: Request, res: Response) => {
      started += 1;
      if (started === count) release();
      await allStarted;
      res.json({ n: req.lambda.queryStringParameters().first('n'), path: req.lambda.pathParameters().get('id') });
    });
    const slowHandler = handle(slowApp);
    const results = await Promise.all(
      Array.from({ length: count }, (_, n) => slowHandler(httpEvent(`/slow/${n}`, `n=${n}`))),
    );
    expect(results.map(bodyOf)).toEqual(Array.from({ length: count }, (_, n) => ({ n: String(n), path: String(n) })));
  });
});

describe('a route tested without an event', () => {
  // A route handler is a plain function, so a test can call it with a request
  // prepared by the builders.
  function showOrder(req: Request, res: Response): void {
    res.json({ id: req.lambda.pathParameters().get('id'), verbose: req.lambda.queryStringParameters().has('verbose') });
  }

  it('reads data attached with the builders', () => {
    const req = withQueryStringParameters(withPathParameters(new IncomingMessage(new Socket()), { id: '9' }), 'verbose');
    const sent: unknown[] = [];
    const res = { json: (value: unknown) => sent.push(value) } as unknown as Response;
    showOrder(req as Request, res);
    expect(sent).toEqual([{ id: '9', verbose: true }]);
  });

  it('parses a payload attached with withBody', async () => {
    const req = withBody(new IncomingMessage(new Socket()), '{"items":["a"]}', 'application/json') as Request;
    expect(await req.lambda.payload(Order)).toEqual({ items: ['a'] });
  });
});
