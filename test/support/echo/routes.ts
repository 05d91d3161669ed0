/**
 * What the echo app sends on each fixed route, shared by the Express, Koa and
 * Fastify versions so that all three send the same bytes.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { gzipSync } from 'node:zlib';

/** `GET /binary`: the 256 bytes 0x00..0xFF. */
export const BINARY_BODY: Buffer = Buffer.from(Array.from({ length: 256 }, (_, index) => index));
export const BINARY_CONTENT_TYPE = 'image/png';

/** `GET /text`: UTF-8 text with two- and three-byte characters. */
export const TEXT_BODY = 'héllo wörld ✓';
export const TEXT_CONTENT_TYPE = 'text/plain; charset=utf-8';

/** `GET /cookies`: two Set-Cookie header lines, in this order. */
export const SET_COOKIE_VALUES: readonly string[] = ['a=1; Path=/', 'b=2; Path=/; HttpOnly'];

/** `GET /multi-header`: the header `x-multi` sent as two lines. */
export const MULTI_HEADER_NAME = 'x-multi';
export const MULTI_HEADER_VALUES: readonly string[] = ['one', 'two'];

/** `GET /cookies` and `GET /multi-header` body. */
export const OK_BODY = 'ok';

/** `GET /gzip`: the gzip of `GZIP_PLAIN_TEXT`, sent with `content-encoding: gzip`. */
export const GZIP_PLAIN_TEXT = 'hello gzip';
export const GZIP_BODY: Buffer = gzipSync(GZIP_PLAIN_TEXT);

/** `GET /redirect`: status and target. */
export const REDIRECT_STATUS = 302;
export const REDIRECT_LOCATION = '/echo/target';

/** `GET /large`: this many bytes of `x`, as text/plain. */
export const LARGE_BODY_LENGTH = 1_048_576;

/** `GET /stream`: the chunks and the pause before each chunk after the first, in milliseconds. */
export const STREAM_CHUNKS: readonly string[] = ['a', 'b', 'c'];
export const STREAM_PAUSE_MS = 10;

/**
 * Maximum request body that the echo route accepts, in bytes. The Lambda
 * Invoke API documentation limits a synchronous payload to 6 MB, and that
 * payload is the event JSON around the body, so no event carries a larger body.
 */
export const MAX_ECHO_BODY_BYTES = 6 * 1024 * 1024;

/** The JSON object that the catch-all route sends. */
export interface EchoObject {
  method: string;
  /** Path, then `?` and the raw query string if any. */
  url: string;
  path: string;
  /** The framework's own parsed query object. */
  query: unknown;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  /** Base64 of the raw request body bytes; `""` when there is none. */
  body: string;
  remoteAddress: string | undefined;
  httpVersion: string;
}

/** Builds the echo object fields that come from Node's request, whatever the framework. */
export function describeNodeRequest(
  request: IncomingMessage,
  body: Buffer,
): Pick<EchoObject, 'headers' | 'rawHeaders' | 'body' | 'remoteAddress' | 'httpVersion'> {
  return {
    headers: request.headers,
    rawHeaders: request.rawHeaders,
    body: body.toString('base64'),
    remoteAddress: request.socket?.remoteAddress,
    httpVersion: request.httpVersion,
  };
}

/**
 * Reads the whole request body as raw bytes. Rejects when the body exceeds
 * `maxBytes`. Returns an empty buffer for a stream that has already ended.
 */
export async function readRawBody(request: IncomingMessage, maxBytes = MAX_ECHO_BODY_BYTES): Promise<Buffer> {
  if (request.readableEnded) return Buffer.alloc(0);

  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    length += bytes.length;
    if (length > maxBytes) {
      throw new Error(`Request body exceeds the echo app's maximum of ${maxBytes} bytes.`);
    }
    chunks.push(bytes);
  }

  return Buffer.concat(chunks);
}

/** Parses the `:code` segment of `/status/:code`; returns `undefined` unless it is a status from 100 to 599. */
export function parseStatusCode(segment: string): number | undefined {
  if (!/^\d{3}$/.test(segment)) return undefined;
  const code = Number(segment);
  return code >= 100 && code <= 599 ? code : undefined;
}

/** A writable that takes text chunks: Node's ServerResponse or a PassThrough stream. */
export interface TextWritable {
  write(chunk: string): unknown;
  end(chunk: string): unknown;
}

/** Writes the `GET /stream` chunks with a pause before each chunk after the first, then ends. */
export async function writeStreamChunks(target: TextWritable): Promise<void> {
  const [first = '', ...rest] = STREAM_CHUNKS;
  target.write(first);
  for (const [index, chunk] of rest.entries()) {
    await delay(STREAM_PAUSE_MS);
    if (index === rest.length - 1) {
      target.end(chunk);
    } else {
      target.write(chunk);
    }
  }
}

/** Resolves after `milliseconds`. */
export function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
