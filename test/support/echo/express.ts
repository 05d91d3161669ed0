/** The echo app for Express 4 and 5. */
import type { Express, NextFunction, Request, Response } from 'express';

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

/** The `express` module of either major: `require('express')` or `require('express4')`. */
export type ExpressModule = typeof import('express');

/**
 * Creates the echo app on the given Express module, so the same routes run on
 * Express 4 (`require('express4')`) and Express 5 (`require('express')`).
 *
 * The catch-all route reads the request stream itself instead of using
 * `express.raw()`, because body-parser inflates gzip and deflate bodies by
 * default and the echo must report the bytes exactly as they arrived.
 */
export function createExpressEchoApp(express: ExpressModule): Express {
  const app = express();

  app.post('/json', express.json(), (request: Request, response: Response) => {
    response.status(200).json({ parsed: request.body as unknown });
  });

  app.get('/binary', (_request: Request, response: Response) => {
    response.set('Content-Type', BINARY_CONTENT_TYPE);
    response.send(BINARY_BODY);
  });

  app.get('/text', (_request: Request, response: Response) => {
    response.set('Content-Type', TEXT_CONTENT_TYPE);
    response.send(TEXT_BODY);
  });

  app.get('/cookies', (_request: Request, response: Response) => {
    response.setHeader('Set-Cookie', [...SET_COOKIE_VALUES]);
    response.set('Content-Type', TEXT_CONTENT_TYPE);
    response.send(OK_BODY);
  });

  app.get('/multi-header', (_request: Request, response: Response) => {
    response.setHeader(MULTI_HEADER_NAME, [...MULTI_HEADER_VALUES]);
    response.set('Content-Type', TEXT_CONTENT_TYPE);
    response.send(OK_BODY);
  });

  app.get('/status/:code', (request: Request, response: Response) => {
    const code = parseStatusCode(String(request.params['code']));
    response.status(code ?? 400).end();
  });

  app.get('/gzip', (_request: Request, response: Response) => {
    response.set('Content-Type', 'text/plain');
    response.set('Content-Encoding', 'gzip');
    response.send(GZIP_BODY);
  });

  app.get('/redirect', (_request: Request, response: Response) => {
    response.status(REDIRECT_STATUS).set('Location', REDIRECT_LOCATION).end();
  });

  app.get('/throw', () => {
    throw new Error('boom');
  });

  app.get('/large', (_request: Request, response: Response) => {
    response.set('Content-Type', 'text/plain');
    response.send('x'.repeat(LARGE_BODY_LENGTH));
  });

  app.get('/stream', (_request: Request, response: Response, next: NextFunction) => {
    response.status(200).set('Content-Type', 'text/plain');
    writeStreamChunks(response).catch(next);
  });

  app.use((request: Request, response: Response, next: NextFunction) => {
    readRawBody(request)
      .then((body) => {
        const echo: EchoObject = {
          method: request.method,
          url: request.originalUrl,
          path: request.path,
          query: request.query,
          ...describeNodeRequest(request, body),
        };
        response.status(200).json(echo);
      })
      .catch(next);
  });

  return app;
}

