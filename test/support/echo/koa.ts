/** The echo app for Koa 2 and 3. */
import { PassThrough } from 'node:stream';

import { bodyParser } from '@koa/bodyparser';
import type Koa from 'koa';

import {
  BINARY_BODY,
  BINARY_CONTENT_TYPE,
  GZIP_BODY,
  LARGE_BODY_LENGTH,
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

/** The Koa class of either major: `require('koa')` or `require('koa2')`. */
export type KoaConstructor = typeof Koa;

type Route = (context: Koa.Context) => Promise<void> | void;

/**
 * Creates the echo app on the given Koa class, so the same routes run on
 * Koa 2 (`require('koa2')`) and Koa 3 (`require('koa')`). Koa has no router
 * of its own, so one middleware dispatches on method and path.
 *
 * The app is silent: Koa's default error handling still responds 500 to
 * `GET /throw`, but does not print the stack.
 */
export function createKoaEchoApp(KoaClass: KoaConstructor): Koa {
  const app = new KoaClass();
  app.silent = true;

  const parseJson = bodyParser({ enableTypes: ['json'] });
  const getRoutes = new Map<string, Route>([
    ['/binary', sendBinary],
    ['/text', sendText],
    ['/cookies', sendCookies],
    ['/multi-header', sendMultiHeader],
    ['/gzip', sendGzip],
    ['/redirect', sendRedirect],
    ['/throw', throwError],
    ['/large', sendLarge],
    ['/stream', sendStream],
  ]);

  app.use(async (context) => {
    if (context.method === 'POST' && context.path === '/json') {
      await parseJson(context, async () => {
        context.body = { parsed: context.request.body as unknown };
      });
      return;
    }

    if (context.method === 'GET' || context.method === 'HEAD') {
      const route = getRoutes.get(context.path);
      if (route !== undefined) {
        await route(context);
        return;
      }
      const statusMatch = /^\/status\/([^/]+)$/.exec(context.path);
      if (statusMatch !== null) {
        sendStatus(context, parseStatusCode(statusMatch[1] ?? '') ?? 400);
        return;
      }
    }

    await sendEcho(context);
  });

  return app;
}

function sendBinary(context: Koa.Context): void {
  context.set('Content-Type', BINARY_CONTENT_TYPE);
  context.body = BINARY_BODY;
}

function sendText(context: Koa.Context): void {
  context.set('Content-Type', TEXT_CONTENT_TYPE);
  context.body = TEXT_BODY;
}

function sendCookies(context: Koa.Context): void {
  context.set('Set-Cookie', [...SET_COOKIE_VALUES]);
  context.set('Content-Type', TEXT_CONTENT_TYPE);
  context.body = OK_BODY;
}

function sendMultiHeader(context: Koa.Context): void {
  context.set(MULTI_HEADER_NAME, [...MULTI_HEADER_VALUES]);
  context.set('Content-Type', TEXT_CONTENT_TYPE);
  context.body = OK_BODY;
}

/**
 * Sends status `code` with an empty body. Koa replaces a missing body with the
 * status text and turns `body = null` into 204, so the body is set to null
 * first (which marks it explicitly empty) and the status after.
 */
function sendStatus(context: Koa.Context, code: number): void {
  context.body = null;
  context.status = code;
}

function sendGzip(context: Koa.Context): void {
  context.set('Content-Type', 'text/plain');
  context.set('Content-Encoding', 'gzip');
  context.body = GZIP_BODY;
}

function sendRedirect(context: Koa.Context): void {
  sendStatus(context, REDIRECT_STATUS);
  context.set('Location', REDIRECT_LOCATION);
}

function throwError(): never {
  throw new Error('boom');
}

function sendLarge(context: Koa.Context): void {
  context.set('Content-Type', 'text/plain');
  context.body = 'x'.repeat(LARGE_BODY_LENGTH);
}

function sendStream(context: Koa.Context): void {
  const stream = new PassThrough();
  context.set('Content-Type', 'text/plain');
  context.body = stream;
  void writeStreamChunks(stream);
}


async function sendEcho(context: Koa.Context): Promise<void> {
  const body = await readRawBody(context.req);
  const echo: EchoObject = {
    method: context.method,
    url: context.originalUrl,
    path: context.path,
    query: context.query,
    ...describeNodeRequest(context.req, body),
  };
  context.body = echo;
}
