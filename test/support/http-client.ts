/**
 * A minimal HTTP/1.1 client for tests against servers on the loopback
 * interface. It returns the body bytes as received, so gzip stays gzip.
 */
import http, { type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The only host this client sends to. */
export const LOOPBACK_HOST = '127.0.0.1';

export interface LoopbackRequest {
  port: number;
  method: string;
  /** Path and query string, such as `/items/42?name=alice`. */
  path: string;
  /** Header lines in order; a name may repeat. */
  headers?: Array<[string, string]>;
  body?: Buffer | string;
}

export interface LoopbackResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

/** Sends one request to 127.0.0.1 and reads the whole response. */
export function sendLoopbackRequest(request: LoopbackRequest): Promise<LoopbackResponse> {
  // Node adds neither Host nor Content-Length when the headers are given as a
  // list, so this adds them unless the caller did. Without Host a Node server
  // responds 400, and without Content-Length the body is sent chunked.
  const headerLines = request.headers ?? [];
  const hasHeader = (wanted: string): boolean => headerLines.some(([name]) => name.toLowerCase() === wanted);
  const addedLines: Array<[string, string]> = [];
  if (!hasHeader('host')) addedLines.push(['Host', `${LOOPBACK_HOST}:${request.port}`]);
  if (request.body !== undefined && !hasHeader('content-length') && !hasHeader('transfer-encoding')) {
    addedLines.push(['Content-Length', String(Buffer.byteLength(request.body))]);
  }

  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: LOOPBACK_HOST,
        port: request.port,
        method: request.method,
        path: request.path,
        headers: [...addedLines, ...headerLines].flat(),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            statusCode: response.statusCode ?? 0,
            headers: response.headers,
            rawHeaders: response.rawHeaders,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** Starts a Node server for `listener` on 127.0.0.1 at a free port. */
export async function listenOnLoopback(listener: http.RequestListener): Promise<{ server: Server; port: number }> {
  const server = http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK_HOST, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Closes a server and the connections it still holds. */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
