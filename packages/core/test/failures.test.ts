import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { createHandler, InvalidOptionError, type LambdaResult } from '../src/index';
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

  it('survives the app destroying the request', async () => {
    const handler = createHandler((req, res) => {
      req.destroy();
      res.end('ok');
    });
    expect((await handler({ ...httpEvent, body: 'unread' })).statusCode).toBe(200);
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
    ['maxHeaderCount', { maxHeaderCount: 0 }],
  ])('rejects an invalid %s when the handler is created', (option, options) => {
    expect(() => createHandler(() => undefined, options as never)).toThrow(InvalidOptionError);
    expect(() => createHandler(() => undefined, options as never)).toThrow(new RegExp(`\`${option}\``));
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
