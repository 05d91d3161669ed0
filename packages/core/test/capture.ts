import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the app saw of one request. */
export interface SeenRequest {
  req: IncomingMessage;
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  rawHeaders: string[];
  body: Buffer;
  remoteAddress: string | undefined;
}

/**
 * A listener that reads the whole request body, records what it saw, then
 * lets `respond` write the response (200 `ok` by default).
 */
export function captureListener(respond: (res: ServerResponse, seen: SeenRequest) => void = (res) => res.end('ok')) {
  const seen: SeenRequest[] = [];
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const record: SeenRequest = {
        req,
        method: req.method,
        url: req.url,
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
        remoteAddress: req.socket.remoteAddress,
      };
      seen.push(record);
      respond(res, record);
    });
  };
  return { listener, seen };
}
