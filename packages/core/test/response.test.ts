import type { ServerResponse } from 'node:http';
import { createHandler, type HandlerOptions, type LambdaResult } from '../src/index';
import { albEvent, albMultiValueEvent, httpEvent, restEvent } from './events';

type Respond = (res: ServerResponse) => void;

function invoke(event: object, respond: Respond, options?: HandlerOptions): Promise<Record<string, unknown>> {
  const handler = createHandler((_req, res) => respond(res), options);
  // The runtime sends the result as JSON; check what survives that.
  return handler(event).then((result: LambdaResult) => JSON.parse(JSON.stringify(result)) as Record<string, unknown>);
}

const twoCookies: Respond = (res) => {
  res.setHeader('Set-Cookie', ['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/', 'b=2; HttpOnly']);
  res.setHeader('X-Multi', ['one', 'two']);
  res.setHeader('Content-Type', 'text/plain');
  res.end('ok');
};

describe('REST results', () => {
  it('carries every header in multiValueHeaders and none in headers', async () => {
    const result = await invoke(restEvent, twoCookies);
    expect(result['headers']).toBeUndefined();
    expect(result['multiValueHeaders']).toEqual({
      'set-cookie': ['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/', 'b=2; HttpOnly'],
      'x-multi': ['one', 'two'],
      'content-type': ['text/plain'],
    });
    expect(result['body']).toBe('ok');
    expect(result['isBase64Encoded']).toBe(false);
    expect(result['cookies']).toBeUndefined();
  });
});

describe('payload 2.0 results', () => {
  it('moves every Set-Cookie into cookies without splitting on Expires commas', async () => {
    const result = await invoke(httpEvent, twoCookies);
    expect(result['cookies']).toEqual(['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/', 'b=2; HttpOnly']);
    expect(result['headers']).toEqual({ 'x-multi': 'one, two', 'content-type': 'text/plain' });
    expect(result['multiValueHeaders']).toBeUndefined();
  });

  it('has no cookies field when the app sets none', async () => {
    const result = await invoke(httpEvent, (res) => res.end('x'));
    expect(result).not.toHaveProperty('cookies');
  });
});

describe('ALB results', () => {
  it('uses multiValueHeaders in multi-value mode', async () => {
    const result = await invoke(albMultiValueEvent, twoCookies);
    expect(result['headers']).toBeUndefined();
    expect((result['multiValueHeaders'] as Record<string, string[]>)['set-cookie']).toHaveLength(2);
    expect(result['statusDescription']).toBe('200 OK');
  });

  it('uses headers in single-value mode, keeping the last of repeated values', async () => {
    const result = await invoke(albEvent, twoCookies);
    expect(result['multiValueHeaders']).toBeUndefined();
    expect(result['headers']).toEqual({ 'set-cookie': 'b=2; HttpOnly', 'x-multi': 'two', 'content-type': 'text/plain' });
  });

  it('describes the status with the reason phrase', async () => {
    const notFound = await invoke(albEvent, (res) => {
      res.statusCode = 404;
      res.end();
    });
    expect(notFound['statusDescription']).toBe('404 Not Found');
    const custom = await invoke(albEvent, (res) => {
      res.writeHead(418, 'Short And Stout');
      res.end();
    });
    expect(custom['statusDescription']).toBe('418 Short And Stout');
  });
});

describe('header values', () => {
  it('turns numbers into strings', async () => {
    const result = await invoke(albEvent, (res) => {
      res.setHeader('Content-Length', 2);
      res.setHeader('X-Count', 7);
      res.end('ok');
    });
    expect(result['headers']).toEqual({ 'content-length': '2', 'x-count': '7' });
  });

  it('leaves out a header set to an empty list', async () => {
    for (const event of [restEvent, httpEvent, albEvent]) {
      const result = await invoke(event, (res) => {
        res.setHeader('X-Empty', []);
        res.end();
      });
      expect(JSON.stringify(result)).not.toContain('x-empty');
    }
  });

  it('records headers passed to writeHead as an object', async () => {
    const result = await invoke(httpEvent, (res) => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-From-WriteHead': 'yes' });
      res.end('{}');
    });
    expect(result['statusCode']).toBe(201);
    expect(result['headers']).toEqual({ 'content-type': 'application/json', 'x-from-writehead': 'yes' });
  });

  it('records headers passed to writeHead as a flat list and as pairs', async () => {
    const flat = await invoke(httpEvent, (res) => {
      res.writeHead(200, ['X-A', '1', 'X-B', '2']);
      res.end();
    });
    expect(flat['headers']).toEqual({ 'x-a': '1', 'x-b': '2' });
    const pairs = await invoke(httpEvent, (res) => {
      res.writeHead(200, [['X-A', '1'], ['X-A', '2']] as unknown as string[]);
      res.end();
    });
    expect(pairs['headers']).toEqual({ 'x-a': '1, 2' });
  });

  it('merges writeHead headers with those set before', async () => {
    const result = await invoke(httpEvent, (res) => {
      res.setHeader('X-Early', 'early');
      res.writeHead(200, { 'X-Late': 'late' });
      res.end();
    });
    expect(result['headers']).toEqual({ 'x-early': 'early', 'x-late': 'late' });
  });

  it.each([
    ['a status below 100', (res: ServerResponse) => res.writeHead(99), 'ERR_HTTP_INVALID_STATUS_CODE'],
    ['a status above 999', (res: ServerResponse) => res.writeHead(1000), 'ERR_HTTP_INVALID_STATUS_CODE'],
    ['a reason with a line break', (res: ServerResponse) => res.writeHead(200, 'OK\r\nX-Injected: 1'), 'ERR_INVALID_CHAR'],
    [
      'a second writeHead',
      (res: ServerResponse) => {
        res.writeHead(200);
        res.writeHead(201);
      },
      'ERR_HTTP_HEADERS_SENT',
    ],
  ])('rejects %s in writeHead, as Node does', async (_name, misuse, code) => {
    let caught: unknown;
    const result = await invoke(httpEvent, (res) => {
      try {
        misuse(res);
      } catch (error) {
        caught = error;
      }
      res.end();
    });
    expect((caught as { code?: string }).code).toBe(code);
    expect(result['statusCode']).toBe(200);
  });

  it('reports headersSent once the head is written', async () => {
    const states: boolean[] = [];
    await invoke(httpEvent, (res) => {
      states.push(res.headersSent);
      res.write('a');
      states.push(res.headersSent);
      res.end();
    });
    expect(states).toEqual([false, true]);
  });

  it('rejects setHeader after the headers are sent, as Node does', async () => {
    let caught: unknown;
    await invoke(httpEvent, (res) => {
      res.write('a');
      try {
        res.setHeader('X-Late', '1');
      } catch (error) {
        caught = error;
      }
      res.end();
    });
    expect((caught as { code?: string }).code).toBe('ERR_HTTP_HEADERS_SENT');
  });
});

describe('response bodies', () => {
  it('de-frames a chunked response and drops the header', async () => {
    const result = await invoke(restEvent, (res) => {
      res.setHeader('Transfer-Encoding', 'chunked');
      res.setHeader('Content-Type', 'text/plain');
      res.write('a');
      res.write(Buffer.from('b'));
      setTimeout(() => res.end('c'), 5);
    });
    expect(result['body']).toBe('abc');
    expect(result['multiValueHeaders']).toEqual({ 'content-type': ['text/plain'] });
  });

  it('sends binary bodies as base64', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    const result = await invoke(httpEvent, (res) => {
      res.setHeader('Content-Type', 'image/png');
      res.end(png);
    });
    expect(result['isBase64Encoded']).toBe(true);
    expect(Buffer.from(result['body'] as string, 'base64').equals(png)).toBe(true);
  });

  it('lets an option replace the text-or-binary rule', async () => {
    const result = await invoke(
      httpEvent,
      (res) => {
        res.setHeader('Content-Type', 'text/plain');
        res.end('hi');
      },
      { isBinary: () => true },
    );
    expect(result['isBase64Encoded']).toBe(true);
    expect(result['body']).toBe('aGk=');
  });

  it('accepts string chunks in other encodings and Uint8Array chunks', async () => {
    const result = await invoke(httpEvent, (res) => {
      res.setHeader('Content-Type', 'text/plain');
      res.write('68', 'hex');
      res.end(new Uint8Array([0x69]));
    });
    expect(result['body']).toBe('hi');
  });

  it.each([
    ['a HEAD request', { ...httpEvent, requestContext: { ...httpEvent.requestContext, http: { ...httpEvent.requestContext.http, method: 'HEAD' } } }, 200],
    ['a 204 answer', httpEvent, 204],
    ['a 304 answer', httpEvent, 304],
  ])('sends no body for %s', async (_name, event, status) => {
    const result = await invoke(event, (res) => {
      res.statusCode = status;
      res.setHeader('Content-Type', 'text/plain');
      res.end('should not be sent');
    });
    expect(result['statusCode']).toBe(status);
    expect(result['body']).toBe('');
    expect(result['isBase64Encoded']).toBe(false);
  });

  it('emits finish and close like a Node response', async () => {
    const events: string[] = [];
    await invoke(httpEvent, (res) => {
      res.on('finish', () => events.push('finish'));
      res.on('close', () => events.push('close'));
      res.end('x', () => events.push('callback'));
    });
    expect(events).toEqual(['finish', 'callback', 'close']);
  });

  it('ignores writes after end without crashing', async () => {
    let writeError: unknown;
    const result = await invoke(httpEvent, (res) => {
      res.end('done');
      res.write('late', (error) => {
        writeError = error;
      });
    });
    expect(result['body']).toBe('done');
    await new Promise((resolve) => setImmediate(resolve));
    expect((writeError as { code?: string }).code).toBe('ERR_STREAM_WRITE_AFTER_END');
  });
});
