import { createHandler, type HandlerOptions } from '../src/index';
import { toNodeHeaders } from '../src/node/request';
import { captureListener } from './capture';
import { albEvent, albMultiValueEvent, httpEvent, restEvent } from './events';

async function see(event: unknown, options?: HandlerOptions) {
  const { listener, seen } = captureListener();
  const result = await createHandler(listener, options)(event);
  expect(result.statusCode).toBe(200);
  expect(seen).toHaveLength(1);
  return seen[0]!;
}

describe('toNodeHeaders', () => {
  it('applies Node rules to repeated fields', () => {
    const headers = toNodeHeaders([
      'Host', 'a.example', 'host', 'b.example',
      'Content-Type', 'text/plain', 'content-type', 'application/json',
      'User-Agent', 'one', 'User-Agent', 'two',
      'Authorization', 'Bearer 1', 'authorization', 'Bearer 2',
      'Cookie', 'a=1', 'cookie', 'b=2',
      'Set-Cookie', 'x=1', 'set-cookie', 'y=2',
      'Accept', 'text/html', 'Accept', 'application/json',
      'X-Custom', 'one', 'x-custom', 'two',
    ]);
    expect(headers['host']).toBe('a.example');
    expect(headers['content-type']).toBe('text/plain');
    expect(headers['user-agent']).toBe('one');
    expect(headers['authorization']).toBe('Bearer 1');
    expect(headers['cookie']).toBe('a=1; b=2');
    expect(headers['set-cookie']).toEqual(['x=1', 'y=2']);
    expect(headers['accept']).toBe('text/html, application/json');
    expect(headers['x-custom']).toBe('one, two');
  });
});

describe('request headers', () => {
  it('keeps every multi-value header value and adds names found only in headers', async () => {
    const seen = await see({
      ...restEvent,
      headers: { Host: 'abc123.execute-api.us-east-1.amazonaws.com', 'X-Only-Single': 'single', 'X-Multi': 'last' },
      multiValueHeaders: { Host: ['abc123.execute-api.us-east-1.amazonaws.com'], 'X-Multi': ['first', 'last'] },
    });
    expect(seen.headers['x-multi']).toBe('first, last');
    expect(seen.headers['x-only-single']).toBe('single');
    expect(seen.rawHeaders).toEqual(
      expect.arrayContaining(['X-Multi', 'first', 'X-Multi', 'last', 'X-Only-Single', 'single']),
    );
  });

  it('spells rawHeaders names as in the event', async () => {
    const seen = await see({ ...httpEvent, headers: { 'X-Mixed-Case': 'v' } });
    expect(seen.rawHeaders.slice(0, 2)).toEqual(['X-Mixed-Case', 'v']);
  });

  it('joins the payload 2.0 cookies array into one cookie header', async () => {
    const seen = await see({ ...httpEvent, cookies: ['session=abc', 'theme=dark'] });
    expect(seen.headers['cookie']).toBe('session=abc; theme=dark');
  });

  it('recomputes content-length from the decoded body', async () => {
    const seen = await see({
      ...httpEvent,
      headers: { 'content-length': '0', 'content-type': 'application/octet-stream' },
      body: Buffer.from([0, 1, 2, 255]).toString('base64'),
      isBase64Encoded: true,
    });
    expect(seen.headers['content-length']).toBe('4');
    expect(seen.body).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('gives an empty body a content-length of 0', async () => {
    const seen = await see({ ...albEvent, body: '' });
    expect(seen.headers['content-length']).toBe('0');
  });

  it('removes content-length when the event has no body', async () => {
    const seen = await see({ ...restEvent, headers: { 'Content-Length': '12' }, multiValueHeaders: null, body: null });
    expect(seen.headers['content-length']).toBeUndefined();
  });

  it('drops an incoming transfer-encoding', async () => {
    const seen = await see({ ...httpEvent, headers: { 'transfer-encoding': 'chunked' }, body: 'abc' });
    expect(seen.headers['transfer-encoding']).toBeUndefined();
    expect(seen.rawHeaders).not.toContain('transfer-encoding');
    expect(seen.headers['content-length']).toBe('3');
  });

  it('adds host and x-forwarded-proto from the domain name when missing', async () => {
    const seen = await see({ ...restEvent, headers: null, multiValueHeaders: null });
    expect(seen.headers['host']).toBe('abc123.execute-api.us-east-1.amazonaws.com');
    expect(seen.headers['x-forwarded-proto']).toBe('https');
  });

  it('keeps the event host over the domain name', async () => {
    const seen = await see({ ...httpEvent, headers: { Host: 'api.example.com' } });
    expect(seen.headers['host']).toBe('api.example.com');
  });
});

describe('request body', () => {
  it('passes text bodies as UTF-8 bytes', async () => {
    const seen = await see({ ...restEvent, httpMethod: 'POST', body: 'h\u00e9llo \u2713' });
    expect(seen.body.toString('utf8')).toBe('h\u00e9llo \u2713');
  });

  it('decodes base64 bodies to the exact bytes', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const seen = await see({ ...albEvent, httpMethod: 'POST', body: bytes.toString('base64'), isBase64Encoded: true });
    expect(seen.body.equals(bytes)).toBe(true);
  });
});

describe('request connection', () => {
  it('uses the REST source IP', async () => {
    expect((await see(restEvent)).remoteAddress).toBe('203.0.113.7');
  });

  it('uses the payload 2.0 source IP', async () => {
    expect((await see(httpEvent)).remoteAddress).toBe('198.51.100.4');
  });

  it('uses the last x-forwarded-for entry for ALB', async () => {
    expect((await see(albEvent)).remoteAddress).toBe('203.0.113.9');
    expect((await see(albMultiValueEvent)).remoteAddress).toBe('203.0.113.9');
  });

  it.each([
    ['a REST source IP', { ...restEvent, requestContext: { ...restEvent.requestContext, identity: { sourceIp: 'garbage\r\n' } } }],
    ['a payload 2.0 source IP', { ...httpEvent, requestContext: { ...httpEvent.requestContext, http: { ...httpEvent.requestContext.http, sourceIp: 'test-invoke-source-ip' } } }],
    ['an ALB forwarded address', { ...albEvent, headers: { ...albEvent.headers, 'x-forwarded-for': '192.0.2.1, not-an-ip' } }],
  ])('leaves out %s that is not an IP address', async (_name, event) => {
    expect((await see(event)).remoteAddress).toBeUndefined();
  });

  it('accepts IPv6 addresses', async () => {
    const event = { ...httpEvent, requestContext: { ...httpEvent.requestContext, http: { ...httpEvent.requestContext.http, sourceIp: '2001:db8::1' } } };
    expect((await see(event)).remoteAddress).toBe('2001:db8::1');
  });

  it('marks API Gateway connections as encrypted', async () => {
    const seen = await see(httpEvent);
    expect((seen.req.socket as unknown as { encrypted: boolean }).encrypted).toBe(true);
  });

  it('reads the ALB scheme from x-forwarded-proto', async () => {
    const seen = await see({ ...albEvent, headers: { ...albEvent.headers, 'x-forwarded-proto': 'http' } });
    expect((seen.req.socket as unknown as { encrypted: boolean }).encrypted).toBe(false);
  });
});

describe('request query string', () => {
  it('encodes REST values exactly once and keeps repeated keys in order', async () => {
    const seen = await see({
      ...restEvent,
      queryStringParameters: { q: 'b', 'a b': 'x&y' },
      multiValueQueryStringParameters: { q: ['a', 'b'], 'a b': ['x&y'], e: ['\u{1F4A9}', '100%'] },
    });
    expect(seen.url).toBe('/prod/orders/7?q=a&q=b&a%20b=x%26y&e=%F0%9F%92%A9&e=100%25');
  });

  it('falls back to the single-value REST map', async () => {
    const seen = await see({ ...restEvent, queryStringParameters: { q: 'a b' }, multiValueQueryStringParameters: null });
    expect(seen.url).toBe('/prod/orders/7?q=a%20b');
  });

  it('passes the payload 2.0 raw query string as it is', async () => {
    const seen = await see({ ...httpEvent, rawQueryString: 'key=a%2Cb&x=1+2&x=%F0%9F%92%A9' });
    expect(seen.url).toBe('/orders/7?key=a%2Cb&x=1+2&x=%F0%9F%92%A9');
  });

  it('keeps ALB values encoded, with plus, bare percent and UTF-8 escapes surviving', async () => {
    const seen = await see({
      ...albEvent,
      queryStringParameters: { name: 'John+Smith', pct: '100%', city: 'M%C3%BCnchen', q: '%28a%3Db%29' },
    });
    expect(seen.url).toBe('/orders/7?name=John+Smith&pct=100%25&city=M%C3%BCnchen&q=%28a%3Db%29');
    const parsed = new URLSearchParams(seen.url!.split('?')[1]);
    expect(parsed.get('name')).toBe('John Smith');
    expect(parsed.get('pct')).toBe('100%');
    expect(parsed.get('city')).toBe('M\u00fcnchen');
  });

  it('uses the multi-value ALB query map in multi-value mode', async () => {
    const seen = await see({ ...albMultiValueEvent, multiValueQueryStringParameters: { tag: ['a', 'b%20c'] } });
    expect(seen.url).toBe('/orders/7?tag=a&tag=b%20c');
  });
});

describe('request path', () => {
  const withEnv = async (value: string | undefined, run: () => Promise<void>) => {
    const saved = process.env['AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH'];
    if (value === undefined) delete process.env['AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH'];
    else process.env['AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH'] = value;
    try {
      await run();
    } finally {
      if (saved === undefined) delete process.env['AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH'];
      else process.env['AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH'] = saved;
    }
  };

  it('shows REST apps the path the client requested, stage included', async () => {
    await withEnv(undefined, async () => {
      expect((await see(restEvent)).url).toBe('/prod/orders/7');
    });
  });

  it.each([
    ['true', '/orders/7'],
    ['TRUE', '/orders/7'],
    ['1', '/orders/7'],
    [' True ', '/orders/7'],
    ['false', '/prod/orders/7'],
    ['0', '/prod/orders/7'],
    ['yes', '/prod/orders/7'],
    ['', '/prod/orders/7'],
  ])('reads AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH=%j for REST', async (value, expected) => {
    await withEnv(value, async () => {
      expect((await see(restEvent)).url).toBe(expected);
    });
  });

  it.each([
    ['stage added in front', { path: '/orders/7' }, '/prod/orders/7'],
    ['path already starting with the stage', { path: '/prod/orders/7' }, '/prod/orders/7'],
    ['path equal to the stage', { path: '/prod' }, '/prod'],
    ['path starting with the stage name but another segment', { path: '/production' }, '/prod/production'],
  ])('applies the lambda_http rule without requestContext.path: %s', async (_name, override, expected) => {
    await withEnv(undefined, async () => {
      const { path: _path, ...context } = restEvent.requestContext;
      expect((await see({ ...restEvent, ...override, requestContext: context })).url).toBe(expected);
    });
  });

  it('adds no stage for $default', async () => {
    await withEnv(undefined, async () => {
      const { path: _path, ...context } = restEvent.requestContext;
      const seen = await see({ ...restEvent, requestContext: { ...context, stage: '$default' } });
      expect(seen.url).toBe('/orders/7');
    });
  });

  it('keeps a named stage in payload 2.0 rawPath, and strips it when asked', async () => {
    const staged = { ...httpEvent, rawPath: '/beta/orders/7', requestContext: { ...httpEvent.requestContext, stage: 'beta' } };
    await withEnv(undefined, async () => {
      expect((await see(staged)).url).toBe('/beta/orders/7');
    });
    await withEnv('true', async () => {
      expect((await see(staged)).url).toBe('/orders/7');
    });
    expect((await see({ ...staged, rawPath: '/beta' }, { ignoreStageInPath: true })).url).toBe('/');
    expect((await see({ ...staged, rawPath: '/betamax' }, { ignoreStageInPath: true })).url).toBe('/betamax');
  });

  it('lets the option override the environment variable', async () => {
    await withEnv('true', async () => {
      expect((await see(restEvent, { ignoreStageInPath: false })).url).toBe('/prod/orders/7');
    });
  });

  it('escapes a decoded payload 2.0 path exactly once', async () => {
    const seen = await see({ ...httpEvent, rawPath: '/files/a b/caf\u00e9?x#y', rawQueryString: 'real=1' });
    expect(seen.url).toBe('/files/a%20b/caf%C3%A9%3Fx%23y?real=1');
  });

  it('keeps an encoded REST path as it is', async () => {
    const seen = await see({ ...restEvent, requestContext: { ...restEvent.requestContext, path: '/prod/a%2Fb%20c' } });
    expect(seen.url).toBe('/prod/a%2Fb%20c');
  });

  it('uses the ALB path', async () => {
    expect((await see({ ...albEvent, path: '/lambda/' })).url).toBe('/lambda/');
  });
});

describe('event immutability', () => {
  it.each([
    ['REST', { ...restEvent, httpMethod: 'POST', body: 'aGk=', isBase64Encoded: true, headers: { 'Content-Length': '99' } }],
    ['payload 2.0', { ...httpEvent, cookies: ['a=1'], headers: { 'transfer-encoding': 'chunked' }, body: 'x' }],
    ['ALB', { ...albMultiValueEvent, multiValueQueryStringParameters: { a: ['1', '2'] } }],
  ])('leaves a %s event unchanged', async (_name, event) => {
    const before = structuredClone(event);
    await see(event, { ignoreStageInPath: true, basePath: '/orders' });
    expect(event).toEqual(before);
  });
});
