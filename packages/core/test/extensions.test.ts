import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import type { Context } from 'aws-lambda';
import {
  createHandler,
  getEventSource,
  getLambdaContext,
  getLambdaEvent,
  getLambdaExtensions,
  getPathParameters,
  getQueryStringParameters,
  getRawHttpPath,
  getRequestContext,
  getStageVariables,
  LambdaHttpError,
  QueryMap,
  withBody,
  withLambdaContext,
  withPathParameters,
  withQueryStringParameters,
  withRawHttpPath,
  withRequestContext,
  withStageVariables,
  type LambdaExtensions,
  type LambdaRequestContext,
} from '../src/index';
import { albEvent, httpEvent, restEvent } from './events';
import { readFromRequest } from './read';

const lambdaContext = { awsRequestId: 'aws-request-1', functionName: 'extensions-test' } as Context;

function bareRequest(): IncomingMessage {
  return new IncomingMessage(new Socket());
}

describe('path parameters and stage variables', () => {
  it('reads REST pathParameters and stageVariables', async () => {
    const [path, stage] = await readFromRequest(
      { ...restEvent, pathParameters: { id: '7' }, stageVariables: { table: 'orders' } },
      (req) => [getPathParameters(req), getStageVariables(req)],
    );
    expect([...path]).toEqual([['id', '7']]);
    expect(stage.get('table')).toBe('orders');
  });

  it('reads payload 2.0 pathParameters and stageVariables', async () => {
    const [path, stage] = await readFromRequest(
      { ...httpEvent, pathParameters: { id: '9' }, stageVariables: { mode: 'live' } },
      (req) => [getPathParameters(req), getStageVariables(req)],
    );
    expect(path.get('id')).toBe('9');
    expect(stage.get('mode')).toBe('live');
  });

  it('are empty when the event has none', async () => {
    const sizes = await readFromRequest({ ...restEvent, pathParameters: null, stageVariables: null }, (req) => [
      getPathParameters(req).size,
      getStageVariables(req).size,
    ]);
    expect(sizes).toEqual([0, 0]);
    const httpSizes = await readFromRequest(httpEvent, (req) => [getPathParameters(req).size, getStageVariables(req).size]);
    expect(httpSizes).toEqual([0, 0]);
  });

  it('are always empty for ALB', async () => {
    const sizes = await readFromRequest(albEvent, (req) => [getPathParameters(req).size, getStageVariables(req).size]);
    expect(sizes).toEqual([0, 0]);
  });
});

describe('request context', () => {
  it('is tagged apiGatewayV1 for REST events', async () => {
    const context = await readFromRequest(restEvent, getRequestContext);
    expect(context?.source).toBe('apiGatewayV1');
    if (context?.source !== 'apiGatewayV1') return;
    expect(context.requestContext.identity.sourceIp).toBe('203.0.113.7');
    expect(context.requestContext).toBe(restEvent.requestContext);
  });

  it('is tagged apiGatewayV2 for payload 2.0 events', async () => {
    const context = await readFromRequest(httpEvent, getRequestContext);
    expect(context?.source).toBe('apiGatewayV2');
    if (context?.source !== 'apiGatewayV2') return;
    expect(context.requestContext.http.method).toBe('GET');
  });

  it('is tagged alb for ALB events', async () => {
    const context = await readFromRequest(albEvent, getRequestContext);
    expect(context?.source).toBe('alb');
    if (context?.source !== 'alb') return;
    expect(context.requestContext.elb.targetGroupArn).toContain('targetgroup/tg');
  });

  it('is undefined for a REST event without one', async () => {
    const { requestContext: _omitted, ...event } = restEvent;
    expect(await readFromRequest(event, getRequestContext)).toBeUndefined();
  });
});

describe('invocation data', () => {
  it('returns the Lambda context and the event', async () => {
    const [context, event, source] = await readFromRequest(
      httpEvent,
      (req) => [getLambdaContext(req), getLambdaEvent(req), getEventSource(req)] as const,
      undefined,
      lambdaContext,
    );
    expect(context).toBe(lambdaContext);
    expect(event).toBe(httpEvent);
    expect(source).toBe('apiGatewayV2');
  });

  it('returns the raw HTTP path before stage handling', async () => {
    const raw = await readFromRequest(restEvent, getRawHttpPath);
    const url = await readFromRequest(restEvent, (req) => req.url);
    expect(raw).toBe('/orders/7');
    expect(url).toBe('/prod/orders/7');
    expect(await readFromRequest({ ...httpEvent, rawPath: '/prod/x' }, getRawHttpPath)).toBe('/prod/x');
    expect(await readFromRequest({ ...albEvent, path: '/alb/path' }, getRawHttpPath)).toBe('/alb/path');
  });

  it('leaves the event unchanged', async () => {
    const event = structuredClone({ ...restEvent, body: '{"a":1}', headers: { 'Content-Type': 'application/json' } });
    const copy = structuredClone(event);
    await readFromRequest(event, (req) => {
      const lambda = getLambdaExtensions(req);
      return [lambda.queryStringParameters(), lambda.pathParameters(), lambda.requestContext(), lambda.payload()];
    });
    expect(event).toEqual(copy);
  });
});

describe('req.lambda', () => {
  it('is the accessor object, created once per request', async () => {
    const [first, second, viaFunction] = await readFromRequest(restEvent, (req) => {
      const withLambda = req as IncomingMessage & { lambda: LambdaExtensions };
      return [withLambda.lambda, withLambda.lambda, getLambdaExtensions(req)];
    });
    expect(first).toBe(second);
    expect(first).toBe(viaFunction);
  });

  it('stays out of Object.keys and JSON', async () => {
    const keys = await readFromRequest(restEvent, (req) => Object.keys(req));
    expect(keys).not.toContain('lambda');
  });

  it('works with unbound methods', async () => {
    const first = await readFromRequest({ ...httpEvent, rawQueryString: 'a=1' }, (req) => {
      const { queryStringParameters } = getLambdaExtensions(req);
      return queryStringParameters().first('a');
    });
    expect(first).toBe('1');
  });

  it('can be replaced by an app that sets its own lambda property', async () => {
    const value = await readFromRequest(restEvent, (req) => {
      (req as unknown as { lambda: unknown }).lambda = 'app value';
      return (req as unknown as { lambda: unknown }).lambda;
    });
    expect(value).toBe('app value');
  });
});

describe('requests without Lambda data', () => {
  it('make every accessor throw a coded error', () => {
    const req = bareRequest();
    for (const read of [getQueryStringParameters, getLambdaEvent, getRawHttpPath, getRequestContext]) {
      expect(() => read(req)).toThrow(LambdaHttpError);
      expect(() => read(req)).toThrow(expect.objectContaining({ code: 'LHTTP_ERR_MISSING_EXTENSIONS' }));
    }
  });
});

describe('builders', () => {
  it('attach data to a bare request', async () => {
    const requestContext = { source: 'alb', requestContext: { elb: { targetGroupArn: 'arn:test' } } } as const;
    const req = withRawHttpPath(
      withRequestContext(
        withLambdaContext(
          withStageVariables(
            withPathParameters(withQueryStringParameters(bareRequest(), { tag: ['a', 'b'] }), { id: '7' }),
            new Map([['table', 'orders']]),
          ),
          lambdaContext,
        ),
        requestContext,
      ),
      '/raw/path',
    );
    expect(getQueryStringParameters(req).all('tag')).toEqual(['a', 'b']);
    expect(getPathParameters(req).get('id')).toBe('7');
    expect(getStageVariables(req).get('table')).toBe('orders');
    expect(getLambdaContext(req)).toBe(lambdaContext);
    expect(getRequestContext(req)).toBe(requestContext);
    expect(getEventSource(req)).toBe('alb');
    expect(getRawHttpPath(req)).toBe('/raw/path');
    expect(getLambdaEvent(req)).toBeUndefined();
  });

  it('leave other fields empty', () => {
    const req = withPathParameters(bareRequest(), { id: '1' });
    expect(getQueryStringParameters(req).size).toBe(0);
    expect(getStageVariables(req).size).toBe(0);
    expect(getRequestContext(req)).toBeUndefined();
    expect(getLambdaContext(req)).toBeUndefined();
    expect(getRawHttpPath(req)).toBe('');
    expect(getEventSource(req)).toBeUndefined();
    expect(getLambdaExtensions(req).payload()).toBeUndefined();
  });

  it('define req.lambda', () => {
    const req = withQueryStringParameters(bareRequest(), 'a=1&a=2') as IncomingMessage & { lambda: LambdaExtensions };
    expect(req.lambda.queryStringParameters().all('a')).toEqual(['1', '2']);
  });

  it('accept a QueryMap as it is', () => {
    const query = new QueryMap({ a: '1' });
    expect(getQueryStringParameters(withQueryStringParameters(bareRequest(), query))).toBe(query);
  });

  it('set the body that payload parsing reads', () => {
    const req = withBody(bareRequest(), '{"n":1}', 'application/json');
    expect(getLambdaExtensions(req).payload()).toEqual({ n: 1 });
    const fromHeader = withBody(bareRequest(), 'a=1');
    fromHeader.headers['content-type'] = 'application/x-www-form-urlencoded';
    expect({ ...(getLambdaExtensions(fromHeader).payload() as object) }).toEqual({ a: '1' });
  });

  it('override data of a real invocation', async () => {
    const [query, path] = await readFromRequest({ ...httpEvent, rawQueryString: 'a=event' }, (req) => {
      withQueryStringParameters(req, { a: 'override' });
      return [getQueryStringParameters(req).first('a'), getRawHttpPath(req)];
    });
    expect(query).toBe('override');
    expect(path).toBe('/orders/7');
  });

  it('type the request context by source', () => {
    const context: LambdaRequestContext = { source: 'alb', requestContext: { elb: { targetGroupArn: 'arn' } } };
    const req = withRequestContext(bareRequest(), context);
    const read = getRequestContext(req);
    expect(read?.source === 'alb' ? read.requestContext.elb.targetGroupArn : undefined).toBe('arn');
  });
});

describe('overlapping invocations', () => {
  it("never see each other's data", async () => {
    // Each invocation reads its data, waits until every other invocation has
    // started and read its own, then reads again. Module-level "current
    // invocation" state would make the second read return another request's data.
    const count = 8;
    let started = 0;
    let releaseAll!: () => void;
    const allStarted = new Promise<void>((resolve) => {
      releaseAll = resolve;
    });

    const handler = createHandler(async (req, res) => {
      const before = getQueryStringParameters(req).first('n');
      started += 1;
      if (started === count) releaseAll();
      await allStarted;
      const lambda = getLambdaExtensions(req);
      const after = {
        before,
        query: lambda.queryStringParameters().first('n'),
        path: lambda.pathParameters().get('n'),
        requestId: lambda.lambdaContext()?.awsRequestId,
        raw: lambda.rawHttpPath(),
        payload: lambda.payload(),
      };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(after));
    });

    const results = await Promise.all(
      Array.from({ length: count }, (_, n) =>
        handler(
          {
            ...httpEvent,
            rawPath: `/item/${n}`,
            rawQueryString: `n=${n}`,
            pathParameters: { n: String(n) },
            headers: { ...httpEvent.headers, 'content-type': 'application/json' },
            body: JSON.stringify({ n }),
          },
          { awsRequestId: `request-${n}` } as Context,
        ),
      ),
    );

    results.forEach((result, n) => {
      expect(JSON.parse((result as { body: string }).body)).toEqual({
        before: String(n),
        query: String(n),
        path: String(n),
        requestId: `request-${n}`,
        raw: `/item/${n}`,
        payload: { n },
      });
    });
  });
});
