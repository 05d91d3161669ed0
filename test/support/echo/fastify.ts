/** The echo app for Fastify 5. */
import { PassThrough } from 'node:stream';

import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

import {
  BINARY_BODY,
  BINARY_CONTENT_TYPE,
  GZIP_BODY,
  LARGE_BODY_LENGTH,
  MAX_ECHO_BODY_BYTES,
  MULTI_HEADER_NAME,
  MULTI_HEADER_VALUES,
  OK_BODY,
  REDIRECT_LOCATION,
  REDIRECT_STATUS,
  SET_COOKIE_VALUES,
  TEXT_BODY,
  TEXT_CONTENT_TYPE,
  describeNodeRequest,
  parseStatusCode,
  readRawBody,
  writeStreamChunks,
  type EchoObject,
} from './routes';

/**
 * Creates the echo app as a Fastify 5 instance, not yet ready. The logger is
 * off, so `GET /throw` gets Fastify's default 500 response without a log line.
 */
export function createFastifyEchoApp(): FastifyInstance {
  const app = Fastify({ bodyLimit: MAX_ECHO_BODY_BYTES });

  app.post('/json', async (request) => ({ parsed: request.body }));

  app.get('/binary', async (_request, reply) => reply.type(BINARY_CONTENT_TYPE).send(BINARY_BODY));

  app.get('/text', async (_request, reply) => reply.header('content-type', TEXT_CONTENT_TYPE).send(TEXT_BODY));

  app.get('/cookies', async (_request, reply) =>
    reply.header('set-cookie', [...SET_COOKIE_VALUES]).header('content-type', TEXT_CONTENT_TYPE).send(OK_BODY),
  );

  app.get('/multi-header', async (_request, reply) =>
    reply
      .header(MULTI_HEADER_NAME, [...MULTI_HEADER_VALUES])
      .header('content-type', TEXT_CONTENT_TYPE)
      .send(OK_BODY),
  );

  app.get<{ Params: { code: string } }>('/status/:code', async (request, reply) =>
    reply.code(parseStatusCode(request.params.code) ?? 400).send(),
  );

  app.get('/gzip', async (_request, reply) =>
    reply.header('content-type', 'text/plain').header('content-encoding', 'gzip').send(GZIP_BODY),
  );

  app.get('/redirect', async (_request, reply) =>
    reply.code(REDIRECT_STATUS).header('location', REDIRECT_LOCATION).send(),
  );

  app.get('/throw', async () => {
    throw new Error('boom');
  });

  app.get('/large', async (_request, reply) =>
    reply.header('content-type', 'text/plain').send('x'.repeat(LARGE_BODY_LENGTH)),
  );

  app.get('/stream', async (_request, reply) => {
    const stream = new PassThrough();
    void writeStreamChunks(stream);
    return reply.header('content-type', 'text/plain').send(stream);
  });

  // The echo route gets its own scope with one catch-all parser that hands
  // over raw bytes. Fastify's built-in parsers are removed there, or JSON and
  // text bodies would reach the echo parsed, and other types would get 415.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });
    scope.all('*', sendEcho);
  });

  return app;
}


/**
 * Sends the echo object. Fastify does not read the body of GET, HEAD and
 * TRACE requests, nor of a request without content-type and length, so the
 * route reads the stream itself when no parser ran.
 */
async function sendEcho(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const body = Buffer.isBuffer(request.body) ? request.body : await readRawBody(request.raw);
  const queryStart = request.url.indexOf('?');
  const echo: EchoObject = {
    method: request.method,
    url: request.url,
    path: queryStart === -1 ? request.url : request.url.slice(0, queryStart),
    query: request.query,
    ...describeNodeRequest(request.raw, body),
  };
  return reply.code(200).send(echo);
}
