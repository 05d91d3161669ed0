import { Readable, pipeline } from 'node:stream';
import type { Context } from 'aws-lambda';
import express from 'express';
import Fastify from 'fastify';
import Koa from 'koa';
import { handle as handleExpress } from '@lambda-http/express';
import { handle as handleFastify } from '@lambda-http/fastify';
import { handle as handleKoa } from '@lambda-http/koa';

// A body stream that fails after its first chunk: the framework has sent the
// head already, so it can only abort the exchange. The handler must return a result at
// once, not when the Lambda deadline comes.
function failingStream(): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push('first chunk');
        return;
      }
      setImmediate(() => this.destroy(new Error('disk read failed')));
    },
  });
}

const event = {
  version: '2.0',
  rawPath: '/download',
  rawQueryString: '',
  headers: { host: 'api.example.com' },
  requestContext: { http: { method: 'GET', path: '/download', sourceIp: '127.0.0.1' }, stage: '$default' },
  isBase64Encoded: false,
};

const context = { getRemainingTimeInMillis: () => 30_000 } as Context;

function expressApp() {
  const app = express();
  app.get('/download', (_req, res, next) => {
    res.type('text/plain');
    pipeline(failingStream(), res, (error) => {
      if (error) next(error);
    });
  });
  return handleExpress(app);
}

function koaApp() {
  const app = new Koa();
  app.silent = true; // Koa prints unhandled errors to stderr otherwise.
  app.use((ctx) => {
    ctx.type = 'text/plain';
    ctx.body = failingStream();
  });
  return handleKoa(app);
}

function fastifyApp() {
  const app = Fastify();
  app.get('/download', (_request, reply) => {
    reply.type('text/plain').send(failingStream());
  });
  return handleFastify(app);
}

describe.each([
  ['Express', expressApp],
  ['Koa', koaApp],
  ['Fastify', fastifyApp],
])('%s body stream failing mid-response', (_name, makeHandler) => {
  it('answers a 5xx at once', async () => {
    const handler = makeHandler();
    const started = Date.now();
    const result = await handler(event, context);
    expect(result.statusCode).toBeGreaterThanOrEqual(500);
    expect(result.statusCode).toBeLessThan(600);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
