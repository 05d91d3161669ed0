import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import {
  createHandler,
  getPayload,
  PayloadParseError,
  PayloadValidationError,
  type StandardSchemaV1,
} from '../src/index';
import { httpEvent, restEvent } from './events';
import { readFromRequest } from './read';

function post(contentType: string | undefined, body: string | null, isBase64Encoded = false) {
  const headers: Record<string, string> = { ...httpEvent.headers };
  if (contentType !== undefined) headers['content-type'] = contentType;
  return {
    ...httpEvent,
    requestContext: { ...httpEvent.requestContext, http: { ...httpEvent.requestContext.http, method: 'POST' } },
    headers,
    ...(body === null ? {} : { body }),
    isBase64Encoded,
  };
}

function payloadOf(event: unknown): Promise<unknown> {
  return readFromRequest(event, (req) => getPayload(req));
}

/** A Standard Schema validator that resolves asynchronously, as some validators do. */
const asyncPositive: StandardSchemaV1<unknown, number> = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate: async (value) =>
      typeof value === 'number' && value > 0
        ? { value }
        : { issues: [{ message: 'must be a positive number', path: [{ key: 'n' }] }] },
  },
};

describe('payload parsing', () => {
  it('parses application/json', async () => {
    expect(await payloadOf(post('application/json', '{"a":[1,"é"]}'))).toEqual({ a: [1, 'é'] });
  });

  it('parses +json types and ignores parameters and letter case', async () => {
    expect(await payloadOf(post('application/problem+json', '{"title":"x"}'))).toEqual({ title: 'x' });
    expect(await payloadOf(post('Application/JSON; charset=utf-8', '[1]'))).toEqual([1]);
    expect(await payloadOf(post('application/vnd.api+json', 'true'))).toBe(true);
  });

  it('parses form data, repeated names as arrays', async () => {
    const form = await payloadOf(post('application/x-www-form-urlencoded', 'a=1&tag=x&tag=y+z&name=J%C3%BCrgen'));
    expect({ ...(form as object) }).toEqual({ a: '1', tag: ['x', 'y z'], name: 'Jürgen' });
  });

  it('keeps a __proto__ form field as plain data', async () => {
    const form = (await payloadOf(post('application/x-www-form-urlencoded', '__proto__=x'))) as Record<string, unknown>;
    expect(Object.getPrototypeOf(form)).toBeNull();
    expect(form['__proto__']).toBe('x');
  });

  it('decodes a base64 body first', async () => {
    const body = Buffer.from('{"binary":true}').toString('base64');
    expect(await payloadOf(post('application/json', body, true))).toEqual({ binary: true });
  });

  it('skips a leading byte order mark', async () => {
    expect(await payloadOf(post('application/json', '\ufeff{"a":1}'))).toEqual({ a: 1 });
  });

  it('is undefined for another content type', async () => {
    expect(await payloadOf(post('text/plain', '{"a":1}'))).toBeUndefined();
    expect(await payloadOf(post('application/jsonx', '{"a":1}'))).toBeUndefined();
    expect(await payloadOf(post('multipart/form-data; boundary=x', '--x--'))).toBeUndefined();
  });

  it('is undefined without a content type', async () => {
    expect(await payloadOf(post(undefined, '{"a":1}'))).toBeUndefined();
  });

  it('is undefined for an empty or missing body', async () => {
    expect(await payloadOf(post('application/json', ''))).toBeUndefined();
    expect(await payloadOf(post('application/json', null))).toBeUndefined();
    expect(await payloadOf({ ...restEvent, headers: { 'Content-Type': 'application/json' }, body: null })).toBeUndefined();
  });

  it('throws a coded error for malformed JSON', async () => {
    const error = await readFromRequest(post('application/json; charset=utf-8', '{"a":'), (req) => {
      try {
        getPayload(req);
      } catch (caught) {
        return caught;
      }
      return undefined;
    });
    expect(error).toBeInstanceOf(PayloadParseError);
    const parseError = error as PayloadParseError;
    expect(parseError.code).toBe('LHTTP_ERR_PAYLOAD_PARSE');
    expect(parseError.contentType).toBe('application/json; charset=utf-8');
    expect(parseError.message).toContain('"application/json; charset=utf-8"');
    expect(parseError.message).toContain((parseError.cause as Error).message);
    expect(parseError.cause).toBeInstanceOf(SyntaxError);
  });

  it('reads the event body after a body parser consumed the stream', async () => {
    let payload: unknown;
    const handler = createHandler((req: IncomingMessage, res) => {
      req.resume();
      req.on('end', () => {
        payload = getPayload(req);
        res.end();
      });
    });
    await handler(post('application/json', '{"after":"stream"}'));
    expect(payload).toEqual({ after: 'stream' });
  });
});

describe('payload validation', () => {
  const Order = z.object({ id: z.number().int(), items: z.array(z.string()).min(1) });

  it('returns the validated value of a zod schema', async () => {
    const order = await readFromRequest(post('application/json', '{"id":7,"items":["a"],"extra":1}'), (req) =>
      getPayload(req, Order),
    );
    expect(order).toEqual({ id: 7, items: ['a'] });
  });

  it('validates form data', async () => {
    const Form = z.object({ name: z.string(), tag: z.array(z.string()) });
    const form = await readFromRequest(post('application/x-www-form-urlencoded', 'name=x&tag=a&tag=b'), (req) =>
      getPayload(req, Form),
    );
    expect(form).toEqual({ name: 'x', tag: ['a', 'b'] });
  });

  it('rejects with the validator issues', async () => {
    const promise = readFromRequest(post('application/json', '{"id":"7","items":[]}'), (req) => getPayload(req, Order));
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PayloadValidationError);
    const validationError = error as PayloadValidationError;
    expect(validationError.code).toBe('LHTTP_ERR_PAYLOAD_VALIDATION');
    expect(validationError.issues).toHaveLength(2);
    expect(validationError.issues.map((issue) => issue.path)).toEqual([['id'], ['items']]);
    expect(validationError.message).toMatch(/^Invalid request payload: 2 validation issues: id: .+; items: .+\.$/);
  });

  it('supports an async validator', async () => {
    expect(await readFromRequest(post('application/json', '5'), (req) => getPayload(req, asyncPositive))).toBe(5);
    const error = await readFromRequest(post('application/json', '-1'), (req) => getPayload(req, asyncPositive)).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PayloadValidationError);
    expect((error as Error).message).toBe('Invalid request payload: 1 validation issue: n: must be a positive number.');
  });

  it('rejects, not throws, for malformed JSON', async () => {
    const promise = await readFromRequest(post('application/json', '{'), (req) => ({ result: getPayload(req, Order) }));
    await expect(promise.result).rejects.toBeInstanceOf(PayloadParseError);
  });

  it('resolves to undefined without a payload, skipping the validator', async () => {
    const validate = jest.fn();
    const schema = { '~standard': { version: 1, vendor: 'test', validate } } as unknown as StandardSchemaV1;
    expect(await readFromRequest(post('text/plain', 'hello'), (req) => getPayload(req, schema))).toBeUndefined();
    expect(validate).not.toHaveBeenCalled();
  });

  it('rejects a value that is not a Standard Schema', async () => {
    const promise = readFromRequest(post('application/json', '{}'), (req) => getPayload(req, {} as StandardSchemaV1));
    await expect(promise).rejects.toMatchObject({ code: 'LHTTP_ERR_INVALID_OPTION' });
  });
});
