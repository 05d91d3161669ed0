/**
 * Proves the echo apps on a real Node server on 127.0.0.1, without any
 * adapter, so that a conformance failure can be blamed on the adapter.
 */
import type { Server } from 'node:http';
import { gunzipSync } from 'node:zlib';

import express from 'express';
import express4 from 'express4';
import Koa from 'koa';
import Koa2 from 'koa2';

import {
  BINARY_BODY,
  GZIP_PLAIN_TEXT,
  LARGE_BODY_LENGTH,
  REDIRECT_LOCATION,
  SET_COOKIE_VALUES,
  TEXT_BODY,
  createExpressEchoApp,
  createFastifyEchoApp,
  createKoaEchoApp,
  type EchoObject,
} from './support/echo';
import {
  LOOPBACK_HOST,
  closeServer,
  listenOnLoopback,
  sendLoopbackRequest,
  type LoopbackRequest,
  type LoopbackResponse,
} from './support/http-client';

interface RunningApp {
  port: number;
  stop(): Promise<void>;
}

interface EchoAppRow {
  name: string;
  start(): Promise<RunningApp>;
}

async function startNodeListener(listener: Parameters<typeof listenOnLoopback>[0]): Promise<RunningApp> {
  const { server, port }: { server: Server; port: number } = await listenOnLoopback(listener);
  return { port, stop: () => closeServer(server) };
}

const echoApps: EchoAppRow[] = [
  { name: 'Express 4', start: () => startNodeListener(createExpressEchoApp(express4)) },
  { name: 'Express 5', start: () => startNodeListener(createExpressEchoApp(express)) },
  { name: 'Koa 2', start: () => startNodeListener(createKoaEchoApp(Koa2).callback()) },
  { name: 'Koa 3', start: () => startNodeListener(createKoaEchoApp(Koa).callback()) },
  {
    name: 'Fastify 5',
    start: async () => {
      const app = createFastifyEchoApp();
      await app.listen({ port: 0, host: LOOPBACK_HOST });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error('Fastify did not report a TCP port.');
      return { port: address.port, stop: () => app.close() };
    },
  },
];

/** Returns the values of every header line named `name`, in order. */
function rawHeaderValues(rawHeaders: string[], name: string): string[] {
  const values: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    if (rawHeaders[index]?.toLowerCase() === name) values.push(rawHeaders[index + 1] ?? '');
  }
  return values;
}

function parseEcho(response: LoopbackResponse): EchoObject {
  return JSON.parse(response.body.toString('utf8')) as EchoObject;
}

describe.each(echoApps)('echo app on $name', ({ start }) => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await start();
  });

  afterAll(async () => {
    await running.stop();
  });

  const send = (request: Omit<LoopbackRequest, 'port'>): Promise<LoopbackResponse> =>
    sendLoopbackRequest({ port: running.port, ...request });

  test('POST /json parses the body', async () => {
    const response = await send({
      method: 'POST',
      path: '/json',
      headers: [['content-type', 'application/json']],
      body: '{"hello":"wörld","list":[1,{"deep":true}]}',
    });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({ parsed: { hello: 'wörld', list: [1, { deep: true }] } });
  });

  test('GET /binary sends 256 bytes', async () => {
    const response = await send({ method: 'GET', path: '/binary' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.body.equals(BINARY_BODY)).toBe(true);
  });

  test('GET /text sends UTF-8 text', async () => {
    const response = await send({ method: 'GET', path: '/text' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.body.toString('utf8')).toBe(TEXT_BODY);
  });

  test('GET /cookies sends two Set-Cookie lines', async () => {
    const response = await send({ method: 'GET', path: '/cookies' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['set-cookie']).toEqual(SET_COOKIE_VALUES);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.body.toString('utf8')).toBe('ok');
  });

  test('GET /multi-header sends x-multi twice', async () => {
    const response = await send({ method: 'GET', path: '/multi-header' });
    const multiValues = rawHeaderValues(response.rawHeaders, 'x-multi');

    expect(response.statusCode).toBe(200);
    expect(multiValues).toEqual(['one', 'two']);
    expect(response.body.toString('utf8')).toBe('ok');
  });

  test.each([404, 418, 503])('GET /status/%i sends that status, no body', async (code) => {
    const response = await send({ method: 'GET', path: `/status/${code}` });

    expect(response.statusCode).toBe(code);
    expect(response.body.length).toBe(0);
  });

  test('GET /gzip sends gzip bytes', async () => {
    const response = await send({ method: 'GET', path: '/gzip' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(gunzipSync(response.body).toString('utf8')).toBe(GZIP_PLAIN_TEXT);
  });

  test('GET /redirect sends 302, no body', async () => {
    const response = await send({ method: 'GET', path: '/redirect' });

    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(REDIRECT_LOCATION);
    expect(response.body.length).toBe(0);
  });

  test('GET /throw responds 500', async () => {
    const response = await send({ method: 'GET', path: '/throw' });

    expect(response.statusCode).toBe(500);
  });

  test('GET /large sends 1 MiB of x', async () => {
    const response = await send({ method: 'GET', path: '/large' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body.length).toBe(LARGE_BODY_LENGTH);
    expect(response.body.every((byte) => byte === 0x78)).toBe(true);
  });

  test('GET /stream sends abc chunked', async () => {
    const response = await send({ method: 'GET', path: '/stream' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.body.toString('utf8')).toBe('abc');
  });

  test('echo reports a binary POST exactly', async () => {
    const body = Buffer.from([0x00, 0x7f, 0x80, 0xc3, 0x28, 0xff, 0xfe]);
    const response = await send({
      method: 'POST',
      path: '/upload/file?tag=a&tag=b&name=x%20y',
      headers: [
        ['Content-Type', 'application/octet-stream'],
        ['X-Repeated', 'one'],
        ['X-Repeated', 'two'],
      ],
      body,
    });
    const echo = parseEcho(response);

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(echo.method).toBe('POST');
    expect(echo.url).toBe('/upload/file?tag=a&tag=b&name=x%20y');
    expect(echo.path).toBe('/upload/file');
    expect(echo.query).toEqual({ tag: ['a', 'b'], name: 'x y' });
    expect(echo.body).toBe(body.toString('base64'));
    expect(echo.headers['content-length']).toBe(String(body.length));
    expect(echo.headers['x-repeated']).toBe('one, two');
    expect(echo.rawHeaders).toEqual(expect.arrayContaining(['Content-Type', 'application/octet-stream', 'X-Repeated']));
    expect(echo.remoteAddress).toBe(LOOPBACK_HOST);
    expect(echo.httpVersion).toBe('1.1');
  });

  test('echo keeps a JSON body raw', async () => {
    const body = '{"a": 1}';
    const response = await send({
      method: 'PUT',
      path: '/json',
      headers: [['content-type', 'application/json']],
      body,
    });
    const echo = parseEcho(response);

    expect(response.statusCode).toBe(200);
    expect(echo.method).toBe('PUT');
    expect(echo.body).toBe(Buffer.from(body).toString('base64'));
  });

  test('echo keeps a form body raw', async () => {
    const body = 'a=1&b=h%C3%A9';
    const response = await send({
      method: 'POST',
      path: '/form',
      headers: [['content-type', 'application/x-www-form-urlencoded']],
      body,
    });
    const echo = parseEcho(response);

    expect(response.statusCode).toBe(200);
    expect(echo.body).toBe(Buffer.from(body).toString('base64'));
    expect(echo.headers['content-length']).toBe('13');
  });

  test('echo of GET / has an empty body', async () => {
    const response = await send({ method: 'GET', path: '/', headers: [['Cookie', 'a=1; b=2']] });
    const echo = parseEcho(response);

    expect(response.statusCode).toBe(200);
    expect(echo.method).toBe('GET');
    expect(echo.url).toBe('/');
    expect(echo.path).toBe('/');
    expect(echo.query).toEqual({});
    expect(echo.body).toBe('');
    expect(echo.headers.cookie).toBe('a=1; b=2');
    expect(echo.headers.host).toBe(`${LOOPBACK_HOST}:${running.port}`);
  });

  test('GET /json falls through to echo', async () => {
    const response = await send({ method: 'GET', path: '/json?x=1' });
    const echo = parseEcho(response);

    expect(response.statusCode).toBe(200);
    expect(echo.path).toBe('/json');
    expect(echo.query).toEqual({ x: '1' });
  });
});
