/**
 * The Node response the app writes to: a real `http.ServerResponse` whose
 * `write`, `end` and `writeHead` are replaced by own properties that record
 * status, headers and body chunks instead of sending them to a socket.
 *
 * Node's own header handling still runs (`setHeader`, `writeHead`,
 * `headersSent`), so frameworks see standard behaviour. The body is recorded
 * before Node would add chunked framing, so `Transfer-Encoding: chunked`
 * never reaches the result and the header itself is dropped.
 */
import { ServerResponse, STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { debug } from '../debug.js';
import type { ResponseSnapshot } from '../sources/types.js';
import type { ExchangeSink } from './sink.js';

const kState = Symbol('lambda-http.response');

type Callback = (error?: Error | null) => void;

interface ResponseState {
  readonly sink: ExchangeSink;
  readonly chunks: Buffer[];
  /** `false` for HEAD requests: Node discards their body writes. */
  readonly hasBody: boolean;
  /** Set by `end` and `destroy`; later writes are dropped. */
  ended: boolean;
}

type RecordingResponse = ServerResponse & { [kState]: ResponseState };


/**
 * Creates the response for one invocation. `sink` receives what the app
 * wrote once it ends the response, or hears that the app destroyed it.
 */
export function createResponse(req: IncomingMessage, sink: ExchangeSink): ServerResponse {
  const res = new ServerResponse(req);
  (res as RecordingResponse)[kState] = { sink, chunks: [], hasBody: req.method !== 'HEAD', ended: false };
  // As on a server, the response shares the request's connection; apps and
  // on-finished read `res.socket`. It is not attached with `assignSocket`,
  // so Node never writes the response to it.
  (res as { socket: unknown }).socket = req.socket;
  // Node keeps the default status on ServerResponse.prototype. Making them own
  // properties now, while the prototype chain is Node's, makes the later stores
  // cheap: Express swaps in a prototype chain that V8 keeps in dictionary
  // mode, where adding a property takes a slow path on every request.
  res.statusCode = 200;
  res.statusMessage = undefined as unknown as string;
  // Own properties, so they survive Express replacing the response prototype.
  res.writeHead = writeHead as ServerResponse['writeHead'];
  res.write = write as ServerResponse['write'];
  res.end = end as ServerResponse['end'];
  res.destroy = destroy as ServerResponse['destroy'];
  return res;
}

/**
 * Aborts the response, as destroying its socket would on a server: a
 * response not yet ended is reported to the sink, later writes are dropped,
 * and 'close' follows. No 'error' event is emitted, because nothing may be
 * listening and an unhandled 'error' would end the process.
 */
function destroy(this: RecordingResponse, error?: Error): ServerResponse {
  const state = this[kState];
  if (this.destroyed) return this;
  this.destroyed = true;
  const wasEnded = state.ended;
  state.ended = true;
  // A response already ended is complete and keeps its body; an aborted one is discarded.
  if (!wasEnded) {
    state.chunks.length = 0;
    state.sink.abort(error);
  }
  process.nextTick(emitSafely, this, 'close');
  return this;
}

/**
 * Sets the status and marks the headers as sent, as Node's `writeHead` does,
 * but without serialising a header block that no socket would carry: that
 * serialisation was a tenth of an Express invocation's CPU time in profiles.
 * Headers passed here are stored with `setHeader`, so `getHeaders()` returns
 * them, where Node would have written them only into the header block.
 *
 * NOTE: Node keeps "headers sent" in the internal `_header` field, which
 * `headersSent` and `setHeader` read. Setting it here relies on that field;
 * the response tests fail if a Node version changes it.
 */
function writeHead(
  this: RecordingResponse,
  statusCode: number,
  reason?: string | OutgoingHttpHeaders | readonly unknown[],
  headers?: OutgoingHttpHeaders | readonly unknown[],
): ServerResponse {
  if (this.headersSent) throw nodeError('ERR_HTTP_HEADERS_SENT', 'Cannot write headers after they are sent to the client');
  const code = Math.trunc(statusCode);
  if (!(code >= 100 && code <= 999)) {
    throw Object.assign(new RangeError(`Invalid status code: ${String(statusCode)}`), { code: 'ERR_HTTP_INVALID_STATUS_CODE' });
  }
  if (typeof reason === 'string') {
    if (INVALID_REASON_CHAR.test(reason)) throw nodeError('ERR_INVALID_CHAR', 'Invalid character in statusMessage');
    this.statusMessage = reason;
  } else {
    headers = reason;
    if (!this.statusMessage) this.statusMessage = STATUS_CODES[code] ?? 'unknown';
  }
  if (headers !== undefined && headers !== null) applyHeaders(this, headers);
  this.statusCode = code;
  (this as unknown as { _header: string })._header = `HTTP/1.1 ${code} ${this.statusMessage}\r\n\r\n`;
  return this;
}

// The characters Node rejects in a reason phrase (RFC 9112 section 4).
const INVALID_REASON_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

function nodeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

// The header forms that Node's `writeHead` accepts: an object, a flat
// [name, value, ...] list, or a list of [name, value] pairs.
function applyHeaders(res: ServerResponse, headers: OutgoingHttpHeaders | readonly unknown[]): void {
  if (!Array.isArray(headers)) {
    for (const name in headers) {
      const value = (headers as OutgoingHttpHeaders)[name];
      if (name !== '' && value !== undefined) res.setHeader(name, value);
    }
    return;
  }
  if (headers.length > 0 && Array.isArray(headers[0])) {
    for (const pair of headers as ReadonlyArray<readonly [string, string | string[]]>) {
      if (pair[0]) res.appendHeader(pair[0], pair[1]);
    }
    return;
  }
  if (headers.length % 2 !== 0) {
    throw new TypeError(`Invalid headers for writeHead: a flat list needs an even length, received ${headers.length}.`);
  }
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i] as string;
    if (name) res.setHeader(name, headers[i + 1] as string | string[]);
  }
}

function toBuffer(chunk: unknown, encoding: BufferEncoding | undefined): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding ?? 'utf8');
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError(
    `The "chunk" argument must be of type string or an instance of Buffer or Uint8Array, received ${typeof chunk}.`,
  );
}

function record(res: RecordingResponse, chunk: unknown, encoding: BufferEncoding | undefined): void {
  const buffer = toBuffer(chunk, encoding);
  if (!res.headersSent) res.writeHead(res.statusCode);
  if (res[kState].hasBody && buffer.length > 0) res[kState].chunks.push(buffer);
}

function write(
  this: RecordingResponse,
  chunk: unknown,
  encoding?: BufferEncoding | Callback,
  callback?: Callback,
): boolean {
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = undefined;
  }
  if (chunk === null) throw new TypeError('May not write null values to a response.');
  if (this[kState].ended) {
    // Node reports this as an 'error' event, which crashes the process when
    // nothing listens; the callback and the debug log carry it instead.
    const error = Object.assign(new Error('write after end'), { code: 'ERR_STREAM_WRITE_AFTER_END' });
    debug('app wrote to a response after ending it');
    if (callback) process.nextTick(callback, error);
    return false;
  }
  record(this, chunk, encoding);
  if (callback) process.nextTick(callback);
  return true;
}

function end(this: RecordingResponse, chunk?: unknown, encoding?: BufferEncoding | Callback, callback?: Callback): ServerResponse {
  if (typeof chunk === 'function') {
    callback = chunk as Callback;
    chunk = undefined;
  } else if (typeof encoding === 'function') {
    callback = encoding;
    encoding = undefined;
  }
  const state = this[kState];
  if (state.ended) {
    if (callback) process.nextTick(callback);
    return this;
  }
  if (chunk !== undefined && chunk !== null) record(this, chunk, encoding as BufferEncoding | undefined);
  else if (!this.headersSent) this.writeHead(this.statusCode);
  state.ended = true;
  this.finished = true;
  if (callback) this.once('finish', callback);
  process.nextTick(finish, this);
  return this;
}

// Mirrors the events of a real response: 'prefinish', 'finish', then 'close'.
// The snapshot is taken first, so a throwing listener cannot lose the result.
function finish(res: RecordingResponse): void {
  const result = snapshot(res);
  emitSafely(res, 'prefinish');
  emitSafely(res, 'finish');
  // `destroy` after `end` has emitted 'close' already.
  if (!res.destroyed) emitSafely(res, 'close');
  res[kState].sink.finish(result);
}

function emitSafely(res: ServerResponse, event: string): void {
  try {
    res.emit(event);
  } catch (error) {
    debug('a response %s listener threw: %o', event, error);
  }
}

function snapshot(res: RecordingResponse): ResponseSnapshot {
  const headers: Array<readonly [string, readonly string[]]> = [];
  const outgoing = res.getHeaders();
  for (const name in outgoing) {
    // The body is recorded unframed, so a chunked transfer coding does not apply.
    if (name === 'transfer-encoding') continue;
    const value = outgoing[name];
    // Node sends no field for an empty list, so neither does the result.
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    headers.push([name, Array.isArray(value) ? value.map(String) : [String(value)]]);
  }
  const { chunks } = res[kState];
  const status = res.statusCode;
  // RFC 9110 sections 15.3.5 and 15.4.5: 204 and 304 responses have no content.
  const noContent = status === 204 || status === 304 || (status >= 100 && status < 200);
  let body: Buffer;
  if (noContent || chunks.length === 0) body = Buffer.alloc(0);
  else if (chunks.length === 1) body = chunks[0]!;
  else body = Buffer.concat(chunks);
  return { statusCode: status, statusMessage: res.statusMessage, headers, body };
}
