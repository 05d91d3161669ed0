/**
 * Sends every HTTP event of the corpus (test/fixtures/events) through the
 * Express 5 adapter into an app that records the request it receives, and
 * checks that the request carries what the event carries.
 */
import { handle } from '@lambda-http/express';
import express from 'express';

import { isJsonObject, type JsonObject } from './support/conformance';
import { readRawBody } from './support/echo';
import { withEnvironment } from './support/environment';
import { createLambdaContext } from './support/lambda-context';
import { readEvent, readEventManifest, type EventKind, type ManifestRow } from './support/manifest';
import {
  PAYLOAD_V2_KINDS,
  eventBodyBytes,
  findMissingHeaderValues,
  findMissingQueryPairs,
  type SeenRequest,
} from './support/request-checks';

const IGNORE_STAGE_VARIABLE = 'AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH';

const HTTP_KINDS: ReadonlySet<EventKind> = new Set<EventKind>(['apigw-v1', 'apigw-v2', 'function-url', 'alb', 'alb-multi']);
const UNSUPPORTED_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([
  'websocket',
  'authorizer-request',
  'authorizer-token',
]);

/** The one HTTP event whose `isBase64Encoded` is true while its body is plain text. */
const INVALID_BASE64_FILE = 'powertools-py/apiGatewayProxyEventAnotherPath.json';

/** The outcome of one invocation: the result or the error, and what the app saw. */
interface Invocation {
  result: unknown;
  error: unknown;
  seen: SeenRequest[];
  /** The event as it was after the call, to compare with the copy taken before. */
  eventAfterCall: unknown;
  eventBeforeCall: unknown;
}

function createRecordingApp(seen: SeenRequest[]): express.Express {
  const app = express();
  app.use((request, response, next) => {
    readRawBody(request)
      .then((body) => {
        seen.push({
          method: request.method,
          url: request.url,
          headers: request.headers,
          rawHeaders: request.rawHeaders,
          query: request.query,
          body,
        });
        response.status(200).type('text/plain').send('recorded');
      })
      .catch(next);
  });
  return app;
}

/**
 * Builds a fresh recording app and handler with the stage variable set as
 * given (or removed), and invokes the handler once with `event`.
 */
async function invokeRecorded(event: unknown, ignoreStage: string | undefined): Promise<Invocation> {
  const seen: SeenRequest[] = [];
  const eventBeforeCall = structuredClone(event);
  let result: unknown;
  let error: unknown;

  await withEnvironment({ [IGNORE_STAGE_VARIABLE]: ignoreStage }, async () => {
    const handler = handle(createRecordingApp(seen));
    try {
      result = JSON.parse(JSON.stringify(await handler(event, createLambdaContext()))) as unknown;
    } catch (caught) {
      error = caught;
    }
  });

  return { result, error, seen, eventAfterCall: event, eventBeforeCall };
}

function pathOf(url: string): string {
  const queryStart = url.indexOf('?');
  return queryStart === -1 ? url : url.slice(0, queryStart);
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Returns the single request the app saw, or throws with what happened instead. */
function onlyRequest(invocation: Invocation): SeenRequest {
  const [first] = invocation.seen;
  if (invocation.seen.length !== 1 || first === undefined) {
    const outcome = invocation.error === undefined ? JSON.stringify(invocation.result) : describeError(invocation.error);
    throw new Error(`The app saw ${invocation.seen.length} requests, expected 1. Handler outcome: ${outcome}`);
  }
  return first;
}

const manifest = readEventManifest();
const httpRows = manifest.filter((row) => HTTP_KINDS.has(row.kind) && row.file !== INVALID_BASE64_FILE);
const unsupportedRows = manifest.filter((row) => UNSUPPORTED_KINDS.has(row.kind));

function loadObjectEvent(row: ManifestRow): JsonObject {
  const event = readEvent(row.file);
  if (!isJsonObject(event)) throw new Error(`Event file ${row.file} does not contain a JSON object.`);
  return event;
}

test('manifest lists HTTP and unsupported events', () => {
  expect(httpRows.length).toBeGreaterThan(0);
  expect(unsupportedRows.length).toBeGreaterThan(0);
  expect(manifest.map((row) => row.file)).toContain(INVALID_BASE64_FILE);
});

describe.each(httpRows.map((row) => [`${row.file} (${row.kind})`, row] as const))('%s', (_title, row) => {
  const event = loadObjectEvent(row);
  let byDefault: Invocation;
  let withStageIgnored: Invocation;

  beforeAll(async () => {
    byDefault = await invokeRecorded(structuredClone(event), undefined);
    withStageIgnored = await invokeRecorded(structuredClone(event), 'true');
  });

  test('handler returns the app response', () => {
    expect(byDefault.error).toBeUndefined();
    expect(byDefault.seen).toHaveLength(1);
    expect(byDefault.result).toMatchObject({ statusCode: 200 });
  });

  test('method reaches the app', () => {
    expect(onlyRequest(byDefault).method).toBe(row.httpMethod);
  });

  test('default path reaches the app', () => {
    expect(pathOf(onlyRequest(byDefault).url)).toBe(row.defaultPath);
  });

  test('route path with stage ignored', () => {
    expect(pathOf(onlyRequest(withStageIgnored).url)).toBe(row.routePath);
  });

  test('header values reach the app', () => {
    expect(findMissingHeaderValues(event, onlyRequest(byDefault))).toEqual([]);
  });

  if (PAYLOAD_V2_KINDS.has(row.kind)) {
    test('cookies array reaches the cookie header', () => {
      const cookies = Array.isArray(event['cookies']) ? event['cookies'].map(String) : [];
      const cookieHeader = onlyRequest(byDefault).headers.cookie ?? '';

      expect(cookies.filter((cookie) => !cookieHeader.split('; ').includes(cookie))).toEqual([]);
    });
  }

  test('content-length is the body length', () => {
    const seen = onlyRequest(byDefault);
    const bodyLength = eventBodyBytes(event).length;

    if (row.hasBody) {
      expect(seen.headers['content-length']).toBe(String(bodyLength));
    } else {
      // An empty string body counts as no body here. Absent and `0` both describe
      // it, and RFC 9110 section 8.6 asks clients to omit the header when a request
      // has no content and its method expects none.
      expect([undefined, '0']).toContain(seen.headers['content-length']);
    }
  });

  test('transfer-encoding does not reach the app', () => {
    const seen = onlyRequest(byDefault);
    const rawNames = seen.rawHeaders.filter((_, index) => index % 2 === 0).map((name) => name.toLowerCase());

    expect(seen.headers['transfer-encoding']).toBeUndefined();
    expect(rawNames).not.toContain('transfer-encoding');
  });

  test('query values reach the app', () => {
    expect(findMissingQueryPairs(row.kind, event, onlyRequest(byDefault))).toEqual([]);
  });

  test('body bytes reach the app', () => {
    const seenBody = onlyRequest(byDefault).body;

    expect(seenBody.toString('base64')).toBe(eventBodyBytes(event).toString('base64'));
  });

  test('event is not mutated', () => {
    expect(byDefault.eventAfterCall).toStrictEqual(byDefault.eventBeforeCall);
    expect(withStageIgnored.eventAfterCall).toStrictEqual(withStageIgnored.eventBeforeCall);
  });
});

describe(`${INVALID_BASE64_FILE} (body flagged base64 but not base64)`, () => {
  let invocation: Invocation;

  beforeAll(async () => {
    invocation = await invokeRecorded(readEvent(INVALID_BASE64_FILE), undefined);
  });

  test('handler returns 400', () => {
    expect(invocation.error).toBeUndefined();
    expect(invocation.result).toMatchObject({ statusCode: 400 });
  });

  test('app is not called', () => {
    expect(invocation.seen).toHaveLength(0);
  });

  test('event is not mutated', () => {
    expect(invocation.eventAfterCall).toStrictEqual(invocation.eventBeforeCall);
  });
});

describe.each(unsupportedRows.map((row) => [`${row.file} (${row.kind})`, row] as const))('%s', (_title, row) => {
  let invocation: Invocation;

  beforeAll(async () => {
    invocation = await invokeRecorded(readEvent(row.file), undefined);
  });

  test('handler rejects as unsupported', () => {
    expect(invocation.error).toMatchObject({ code: 'LHTTP_ERR_UNSUPPORTED_EVENT' });
  });

  test('app is not called', () => {
    expect(invocation.seen).toHaveLength(0);
  });

  test('event is not mutated', () => {
    expect(invocation.eventAfterCall).toStrictEqual(invocation.eventBeforeCall);
  });
});
