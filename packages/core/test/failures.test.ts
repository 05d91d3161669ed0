import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import {
  createHandler,
  InvalidOptionError,
  ResponseAbortedError,
  ResponseTimeoutError,
  type ErrorInfo,
  type LambdaResult,
} from '../src/index';
import { albEvent, albMultiValueEvent, httpEvent, restEvent } from './events';

function contextWithRemaining(ms: number): Context {
  const deadline = Date.now() + ms;
  return { getRemainingTimeInMillis: () => deadline - Date.now() } as Context;
}

describe('bad client data', () => {
  it.each([
    ['REST', restEvent, 'multiValueHeaders'],
    ['payload 2.0', httpEvent, 'headers'],
    ['ALB', albEvent, 'headers'],
    ['ALB multi-value', albMultiValueEvent, 'multiValueHeaders'],
  ])('answers 400 to an invalid base64 body on %s without calling the app', async (_name, event, headerField) => {
    let called = false;
    const handler = createHandler((_req, res) => {
      called = true;
      res.end();
    });
    const result = (await handler({ ...event, body: 'Hello from Lambda!', isBase64Encoded: true })) as unknown as Record<string, unknown>;
    expect(called).toBe(false);
    expect(result['statusCode']).toBe(400);
    expect(result['body']).toMatch(/not valid base64/);
    expect(result[headerField]).toBeDefined();
  });

  it('answers 431 to ten thousand headers without calling the app', async () => {
    let called = false;
    const handler = createHandler((_req, res) => {
      called = true;
      res.end();
    });
    const headers: Record<string, string> = {};
    for (let i = 0; i < 10_000; i += 1) headers[`x-header-${i}`] = String(i);
    const result = await handler({ ...httpEvent, headers });
    expect(called).toBe(false);
    expect(result.statusCode).toBe(431);
  });

  it('accepts as many headers as maxHeaderCount allows', async () => {
    const handler = createHandler((_req, res) => res.end(), { maxHeaderCount: 3 });
    // The host and x-forwarded-proto of the base event count too.
    expect((await handler({ ...httpEvent, headers: { a: '1', b: '2', c: '3' } })).statusCode).toBe(200);
    expect((await handler({ ...httpEvent, headers: { a: '1', b: '2', c: '3', d: '4' } })).statusCode).toBe(431);
  });

  it.each([
    ['an empty header name', { '': 'x' }],
    ['a header name with a space', { 'x bad': 'x' }],
    ['a header name with NUL', { 'x\0': 'x' }],
    ['a header value with CR LF', { 'x-injected': 'a\r\nset-cookie: evil=1' }],
    ['a header value with NUL', { 'x-nul': 'a\0b' }],
  ])('answers 400 to %s without calling the app', async (_name, headers) => {
    let called = false;
    const handler = createHandler((_req, res) => {
      called = true;
      res.end();
    });
    const result = (await handler({ ...httpEvent, headers })) as LambdaResult & { body: string };
    expect(called).toBe(false);
    expect(result.statusCode).toBe(400);
    expect(result.body).toMatch(/Invalid (request header name|value of request header)/);
  });

  it('gives prototype-named headers their own values', async () => {
    const handler = createHandler((req, res) => res.end(JSON.stringify(req.headers)));
    const result = await handler({ ...httpEvent, headers: { constructor: 'c1', toString: 't1', hasOwnProperty: 'h1' } });
    const seen = JSON.parse((result as { body: string }).body) as Record<string, string>;
    expect(seen['constructor']).toBe('c1');
    expect(seen['tostring']).toBe('t1');
    expect(seen['hasownproperty']).toBe('h1');
  });

  it('handles odd but valid header names and values', async () => {
    const handler = createHandler((req, res) => res.end(JSON.stringify(req.headers)));
    const result = await handler({ ...httpEvent, headers: { 'X-Empty': '', 'x-utf8': 'M\u00fcnchen', 'x-spaces': '  padded  ' } });
    const seen = JSON.parse((result as { body: string }).body) as Record<string, string>;
    expect(seen['x-empty']).toBe('');
    expect(seen['x-utf8']).toBe('M\u00fcnchen');
    expect(seen['x-spaces']).toBe('  padded  ');
  });
});

describe('errors from the app', () => {
  it('answers 500 when the listener throws', async () => {
    const handler = createHandler(() => {
      throw new Error('boom');
    });
    const result = (await handler(restEvent)) as LambdaResult & { body: string };
    expect(result.statusCode).toBe(500);
    expect(result.body).toBe('Internal Server Error');
  });

  it('answers 500 when the listener returns a rejected promise', async () => {
    const handler = createHandler(async () => {
      throw new Error('boom');
    });
    expect((await handler(httpEvent)).statusCode).toBe(500);
  });

  it('keeps the response when a finish listener throws', async () => {
    const handler = createHandler((_req, res) => {
      res.on('finish', () => {
        throw new Error('listener failure');
      });
      res.end('ok');
    });
    expect((await handler(httpEvent)).statusCode).toBe(200);
  });

  it('answers 502 when the app destroys an unread request', async () => {
    // Destroying a request whose body is unread closes its connection, as on a server.
    const handler = createHandler((req, res) => {
      req.destroy();
      res.end('ok');
    });
    expect((await handler({ ...httpEvent, body: 'unread' })).statusCode).toBe(502);
  });

  it('answers 502 at once when the app destroys the response', async () => {
    const errors: unknown[] = [];
    const handler = createHandler(
      (_req, res) => {
        res.write('partial');
        res.destroy();
      },
      { onError: (error) => errors.push(error) },
    );
    const started = Date.now();
    const result = await handler(httpEvent, contextWithRemaining(30_000));
    expect(result.statusCode).toBe(502);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ResponseAbortedError);
  });

  it('answers 502 when the app destroys the socket', async () => {
    const handler = createHandler((req, res) => {
      res.write('partial');
      req.socket.destroy();
    });
    expect((await handler(httpEvent)).statusCode).toBe(502);
  });

  it('keeps a response that ended before the socket was destroyed', async () => {
    const handler = createHandler((req, res) => {
      res.end('done');
      req.socket.destroy();
    });
    const result = (await handler(httpEvent)) as LambdaResult & { body: string };
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe('done');
  });

  it('passes escaped errors to onError with the status', async () => {
    const failure = new Error('boom');
    const seen: Array<[unknown, ErrorInfo]> = [];
    const handler = createHandler(
      () => {
        throw failure;
      },
      { onError: (error, info) => seen.push([error, info]) },
    );
    const event = { ...restEvent };
    await handler(event, { awsRequestId: 'abc' } as Context);
    expect(seen).toHaveLength(1);
    expect(seen[0]![0]).toBe(failure);
    expect(seen[0]![1].statusCode).toBe(500);
    expect(seen[0]![1].event).toBe(event);
    expect(seen[0]![1].context?.awsRequestId).toBe('abc');
  });

  it('keeps a response the app ended before throwing', async () => {
    const seen: ErrorInfo[] = [];
    const handler = createHandler(
      (_req, res) => {
        res.end('ok');
        throw new Error('after the response');
      },
      { onError: (_error, info) => seen.push(info) },
    );
    const result = (await handler(httpEvent)) as LambdaResult & { body: string };
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe('ok');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.afterResponse).toBe(true);
    expect(seen[0]!.statusCode).toBe(200);
  });

  it('reports an async error that comes after the result', async () => {
    const errors: unknown[] = [];
    const late = new Error('late failure');
    const handler = createHandler(
      async (_req, res) => {
        res.end('ok');
        await new Promise((resolve) => setTimeout(resolve, 10));
        throw late;
      },
      { onError: (error) => errors.push(error) },
    );
    expect((await handler(httpEvent)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(errors).toEqual([late]);
  });

  it('keeps the body when the app destroys the response right after ending it', async () => {
    const handler = createHandler((_req, res) => {
      res.end('hello');
      res.destroy();
    });
    const result = (await handler(httpEvent)) as LambdaResult & { body: string };
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe('hello');
  });

  it('gives the response the request socket', async () => {
    let same = false;
    const handler = createHandler((req, res) => {
      same = res.socket === req.socket && req.socket !== null;
      res.end();
    });
    await handler(httpEvent);
    expect(same).toBe(true);
  });

  it('ignores an onError that throws', async () => {
    const handler = createHandler(
      () => {
        throw new Error('boom');
      },
      {
        onError: () => {
          throw new Error('logger failure');
        },
      },
    );
    expect((await handler(httpEvent)).statusCode).toBe(500);
  });
});

describe('deadline', () => {
  it('answers 504 when the response never ends', async () => {
    const handler = createHandler(() => undefined, { timeoutMarginMs: 1000 });
    const started = Date.now();
    const result = await handler(httpEvent, contextWithRemaining(1100));
    expect(result.statusCode).toBe(504);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('sets no deadline without getRemainingTimeInMillis', async () => {
    const handler = createHandler((_req, res) => {
      setTimeout(() => res.end('late'), 50);
    }, { timeoutMarginMs: 0 });
    expect((await handler(httpEvent, {} as Context)).statusCode).toBe(200);
    expect((await handler(httpEvent)).statusCode).toBe(200);
  });

  it('closes the exchange after the 504, so the app stops writing', async () => {
    const closed: string[] = [];
    let writesAccepted = 0;
    let writer: NodeJS.Timeout | undefined;
    const errors: unknown[] = [];
    const handler = createHandler(
      (req, res) => {
        res.on('close', () => closed.push('response'));
        req.socket.on('close', () => closed.push('socket'));
        writer = setInterval(() => {
          if (res.write('x')) writesAccepted += 1;
        }, 1);
        res.on('close', () => clearInterval(writer));
      },
      { timeoutMarginMs: 1000, onError: (error) => errors.push(error) },
    );
    const result = await handler(httpEvent, contextWithRemaining(1050));
    expect(result.statusCode).toBe(504);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const acceptedAtClose = writesAccepted;
    await new Promise((resolve) => setTimeout(resolve, 20));
    clearInterval(writer);
    expect(closed).toEqual(expect.arrayContaining(['response', 'socket']));
    expect(writesAccepted).toBe(acceptedAtClose);
    expect(errors[0]).toBeInstanceOf(ResponseTimeoutError);
  });

  it('closes the socket after a 504 even when the body was read', async () => {
    let socketClosed = false;
    const handler = createHandler(
      (req) => {
        req.socket.on('close', () => {
          socketClosed = true;
        });
        req.resume();
      },
      { timeoutMarginMs: 1000 },
    );
    const result = await handler({ ...httpEvent, body: 'read me' }, contextWithRemaining(1020));
    expect(result.statusCode).toBe(504);
    await new Promise((resolve) => setImmediate(resolve));
    expect(socketClosed).toBe(true);
  });

  it('sets no deadline when getRemainingTimeInMillis throws', async () => {
    const handler = createHandler((_req, res) => {
      setTimeout(() => res.end('late'), 20);
    });
    const context = {
      getRemainingTimeInMillis: () => {
        throw new Error('not a Lambda context');
      },
    } as unknown as Context;
    expect((await handler(httpEvent, context)).statusCode).toBe(200);
  });

  it.each([
    ['Infinity', Number.POSITIVE_INFINITY],
    ['NaN', Number.NaN],
  ])('treats a remaining time of %s as no deadline', async (_name, remaining) => {
    const handler = createHandler((_req, res) => {
      setTimeout(() => res.end('late'), 30);
    });
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const result = await handler(httpEvent, { getRemainingTimeInMillis: () => remaining } as Context);
      expect(result.statusCode).toBe(200);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it('ignores a response that ends after the 504', async () => {
    let endLater: (() => void) | undefined;
    const handler = createHandler((_req, res) => {
      endLater = () => res.end('late');
    }, { timeoutMarginMs: 1000 });
    const result = await handler(httpEvent, contextWithRemaining(1000));
    expect(result.statusCode).toBe(504);
    expect(() => endLater?.()).not.toThrow();
  });
});

describe('options', () => {
  it.each([
    ['isBinary', { isBinary: 'image/png' }],
    ['timeoutMarginMs', { timeoutMarginMs: -1 }],
    ['timeoutMarginMs', { timeoutMarginMs: Number.NaN }],
    ['ignoreStageInPath', { ignoreStageInPath: 'true' }],
    ['basePath', { basePath: 7 }],
    ['basePath', { basePath: '//api' }],
    ['basePath', { basePath: '/api?x' }],
    ['basePath', { basePath: '/a b' }],
    ['options', []],
    ['maxHeaderCount', { maxHeaderCount: 0 }],
  ])('rejects an invalid %s when the handler is created', (option, options) => {
    expect(() => createHandler(() => undefined, options as never)).toThrow(InvalidOptionError);
    expect(() => createHandler(() => undefined, options as never)).toThrow(new RegExp(`\`${option}\``));
  });

  it('rejects an unknown option, naming it', () => {
    expect(() => createHandler(() => undefined, { basepath: '/api' } as never)).toThrow(/`basepath`.*basePath.*"\/api"/);
  });

  it.each(['', '/', '/api', 'api', '/api/', '/api/v1', '/v1.2-beta_x'])('accepts the base path %j', (basePath) => {
    expect(() => createHandler(() => undefined, { basePath })).not.toThrow();
  });

  it('rejects a listener that is not a function', () => {
    expect(() => createHandler('app' as never)).toThrow(InvalidOptionError);
  });
});

describe('debug output', () => {
  const dist = join(__dirname, '..', 'dist', 'index.js');
  const script = `
    const { createHandler } = require(${JSON.stringify(dist)});
    const handler = createHandler((req, res) => { res.setHeader('x-a', ['1', '2']); res.end(); });
    const event = ${JSON.stringify(albEvent)};
    handler(event).then(() => handler(event));
  `;
  const stderrOf = (nodeDebug: string) =>
    spawnSync(process.execPath, ['-e', script], { env: { ...process.env, NODE_DEBUG: nodeDebug }, encoding: 'utf8' });

  it('reports a dropped single-value ALB header once, naming the setting', () => {
    expect(existsSync(dist)).toBe(true); // The test command builds the packages before jest runs.
    const run = stderrOf('lambda-http');
    expect(run.status).toBe(0);
    const lines = run.stderr.split('\n').filter((line) => line.includes('multi_value_headers'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/lambda\.multi_value_headers\.enabled/);
  });

  it('prints nothing without NODE_DEBUG', () => {
    const run = stderrOf('');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
  });
});
