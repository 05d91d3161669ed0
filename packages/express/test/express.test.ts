import type { IncomingMessage, ServerResponse } from 'node:http';
import { inject } from 'light-my-request';
import { getLambdaContext, getLambdaEvent, InvalidOptionError, type LambdaResult } from '@lambda-http/core';
import { handle } from '../src/index';

type ExpressModule = typeof import('express');
// Express 4 is installed under the alias `express4`.
const versions: Array<[string, ExpressModule]> = [
  ['Express 4', require('express4') as ExpressModule],
  ['Express 5', require('express') as ExpressModule],
];

const context = { functionName: 'express-test', getRemainingTimeInMillis: () => 30_000 } as never;

function restPost(path: string, contentType: string, body: string, isBase64Encoded = false) {
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: 'POST',
    headers: { 'Content-Type': contentType, Host: 'api.example.com', 'X-Forwarded-For': '198.51.100.1' },
    multiValueHeaders: null,
    queryStringParameters: { page: '2' },
    multiValueQueryStringParameters: null,
    requestContext: { path, stage: '$default', identity: { sourceIp: '198.51.100.1' }, domainName: 'api.example.com' },
    body,
    isBase64Encoded,
  };
}

function bodyOf(result: LambdaResult): unknown {
  return JSON.parse((result as { body: string }).body);
}

describe.each(versions)('%s', (_name, express) => {
  const app = express();
  app.post('/json', express.json(), (req, res) => {
    res.json({ parsed: req.body });
  });
  app.post('/form', express.urlencoded({ extended: false }), (req, res) => {
    res.json({ parsed: req.body });
  });
  app.post('/raw', express.raw({ type: () => true }), (req, res) => {
    res.json({ base64: (req.body as Buffer).toString('base64') });
  });
  app.get('/lambda', (req, res) => {
    const event = getLambdaEvent(req) as { requestContext: { requestId: string } };
    res.json({ requestId: event.requestContext.requestId, functionName: getLambdaContext(req)?.functionName });
  });
  app.get('/connection', (req, res) => {
    res.json({ ip: req.ip, protocol: req.protocol, secure: req.secure, hostname: req.hostname, query: req.query });
  });
  app.get('/fail', () => {
    throw new Error('route failure');
  });
  const handler = handle(app);

  it('parses a JSON body', async () => {
    const result = await handler(restPost('/json', 'application/json', '{"a":[1,2],"b":"\u00e9"}'), context);
    expect(bodyOf(result)).toEqual({ parsed: { a: [1, 2], b: '\u00e9' } });
  });

  it('parses a form body', async () => {
    const result = await handler(restPost('/form', 'application/x-www-form-urlencoded', 'a=1&b=h%C3%A9'), context);
    expect(bodyOf(result)).toEqual({ parsed: { a: '1', b: 'h\u00e9' } });
  });

  it('reads a raw binary body', async () => {
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]).toString('base64');
    const result = await handler(restPost('/raw', 'application/octet-stream', bytes, true), context);
    expect(bodyOf(result)).toEqual({ base64: bytes });
  });

  it('keeps the event and context reachable after middleware', async () => {
    const event = { ...restPost('/lambda', 'text/plain', ''), httpMethod: 'GET' };
    event.requestContext = { ...event.requestContext, requestId: 'req-42' } as never;
    const result = await handler(event, context);
    expect(bodyOf(result)).toEqual({ requestId: 'req-42', functionName: 'express-test' });
  });

  it('gives Express the client address, protocol and host', async () => {
    const result = await handler({ ...restPost('/connection', 'text/plain', ''), httpMethod: 'GET' }, context);
    expect(bodyOf(result)).toEqual({
      ip: '198.51.100.1',
      protocol: 'https',
      secure: true,
      hostname: 'api.example.com',
      query: { page: '2' },
    });
  });

  it('routes through mounted sub-apps and routers with their parameters', async () => {
    const sub = express();
    const router = express.Router({ mergeParams: true });
    router.get('/items/:item', (req, res) => {
      res.json({
        baseUrl: req.baseUrl,
        originalUrl: req.originalUrl,
        url: req.url,
        params: req.params,
        query: req.query,
        route: req.route?.path,
        locals: typeof res.locals,
      });
    });
    sub.use('/shops/:shop', router);
    const outer = express();
    outer.use('/api', sub);
    const event = { ...restPost('/api/shops/s1/items/i2', 'text/plain', ''), httpMethod: 'GET' };
    const result = await handle(outer)(event, context);
    expect(bodyOf(result)).toEqual({
      baseUrl: '/api/shops/s1',
      originalUrl: '/api/shops/s1/items/i2?page=2',
      url: '/items/i2?page=2',
      params: { shop: 's1', item: 'i2' },
      query: { page: '2' },
      route: '/items/:item',
      locals: 'object',
    });
  });

  it('gives body parsers an undefined body to fill', async () => {
    const app = express();
    app.post('/echo', express.json(), (req, res) => {
      res.json({ parsed: req.body ?? null });
    });
    const result = await handle(app)({ ...restPost('/echo', 'text/plain', 'not json') }, context);
    expect(bodyOf(result)).toEqual({ parsed: express === versions[0]![1] ? {} : null });
  });

  it("leaves a route's error to Express's own 500 page", async () => {
    const originalEnv = process.env['NODE_ENV'];
    process.env['NODE_ENV'] = 'test'; // Express prints route errors unless NODE_ENV is test.
    try {
      const result = (await handler({ ...restPost('/fail', 'text/plain', ''), httpMethod: 'GET' }, context)) as {
        statusCode: number;
        body: string;
        multiValueHeaders: Record<string, string[]>;
      };
      expect(result.statusCode).toBe(500);
      expect(result.multiValueHeaders['content-type']).toEqual(['text/html; charset=utf-8']);
      expect(result.body).toContain('route failure');
    } finally {
      process.env['NODE_ENV'] = originalEnv;
    }
  });
});

describe('differential against light-my-request', () => {
  // The same request, once as a Lambda event and once through inject, must
  // look the same to the app.
  interface Seen {
    method: string | undefined;
    url: string | undefined;
    headers: Record<string, unknown>;
    body: string;
  }

  const recorder = (seen: Seen[]) => (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: { ...req.headers }, body: Buffer.concat(chunks).toString('base64') });
      res.end();
    });
  };

  it.each([
    ['a GET with a query', 'GET', '/items/42?tags=a&tags=b&q=x%20y', undefined, {}],
    ['a JSON POST', 'POST', '/items', '{"name":"x"}', { 'content-type': 'application/json' }],
    ['repeated headers', 'GET', '/', undefined, { accept: ['text/html', 'application/json'], cookie: ['a=1', 'b=2'] }],
  ])('sees %s identically', async (_name, method, url, body, headers) => {
    const fromEvent: Seen[] = [];
    const fromInject: Seen[] = [];
    const [path, query = ''] = url.split('?');
    const eventHeaders: Record<string, string> = { host: 'api.example.com', 'user-agent': 'lightMyRequest' };
    const cookies: string[] = [];
    for (const [name, value] of Object.entries(headers as Record<string, string | string[]>)) {
      if (name === 'cookie') cookies.push(...[value].flat());
      else eventHeaders[name] = [value].flat().join(',');
    }
    const event = {
      version: '2.0',
      rawPath: path,
      rawQueryString: query,
      cookies,
      headers: eventHeaders,
      requestContext: { http: { method, path, sourceIp: '127.0.0.1' }, stage: '$default' },
      body,
      isBase64Encoded: false,
    };
    await handle(recorder(fromEvent))(event);
    await inject(recorder(fromInject), {
      method: method as 'GET',
      url,
      headers: cookies.length > 0 ? { ...eventHeaders, cookie: cookies.join('; ') } : eventHeaders,
      ...(body === undefined ? {} : { payload: body }),
    });
    expect(fromEvent[0]).toEqual(fromInject[0]);
  });
});

describe('handle argument check', () => {
  it('rejects null', () => {
    expect(() => handle(null as never)).toThrow(InvalidOptionError);
  });
});
