// The benchmark's three requests, the responses that the apps in apps.mjs
// send to them, and the check that an adapter returned those responses intact.

import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

const EVENTS_DIRECTORY = new URL('../events/', import.meta.url);

/**
 * Fixed response body for `GET /logo.png`: the 8-byte PNG signature followed
 * by every byte value from 0x00 to 0xff. It is not a decodable image, but any
 * adapter that passes binary data through a text encoding corrupts it.
 */
export const PNG_BYTES = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from(Array.from({ length: 256 }, (_, index) => index)),
]);

/** Cache-Control value that every app sets on every response. */
export const CACHE_CONTROL = 'no-store';

/**
 * The benchmark events, in table order. `file` is relative to bench/events/.
 * `title` is the row or column heading used in the report.
 */
export const EVENTS = [
  {
    name: 'http-api-v2',
    file: 'http-api-v2-get-query.json',
    title: 'HTTP API (payload 2.0) GET, 2 query parameters, 8 headers',
  },
  {
    name: 'rest-api-v1',
    file: 'rest-api-v1-post-json.json',
    title: 'REST API (payload 1.0) POST, 1 KB JSON body, stage `prod`',
  },
  {
    name: 'alb',
    file: 'alb-get-png.json',
    title: 'ALB GET, binary PNG response',
  },
];

export const EVENT_NAMES = EVENTS.map((event) => event.name);

/** Reads the event JSON text exactly as the Lambda runtime receives it. */
export function readEventText(eventName) {
  const event = EVENTS.find((candidate) => candidate.name === eventName);
  if (!event) {
    throw new Error(`Unknown event "${eventName}": expected one of ${EVENT_NAMES.join(', ')}`);
  }
  return readFileSync(new URL(event.file, EVENTS_DIRECTORY), 'utf8');
}

/**
 * Builds the expected responses. The JSON bodies are derived from the event
 * files, so that an edit to an event cannot silently disagree with the check.
 */
function buildExpectedResponses() {
  const httpApiEvent = JSON.parse(readEventText('http-api-v2'));
  const restApiEvent = JSON.parse(readEventText('rest-api-v1'));
  const order = JSON.parse(restApiEvent.body);

  return {
    'http-api-v2': {
      statusCode: 200,
      contentType: 'application/json',
      headers: { 'cache-control': CACHE_CONTROL },
      json: {
        id: '42',
        page: httpApiEvent.queryStringParameters.page,
        sort: httpApiEvent.queryStringParameters.sort,
        requestId: httpApiEvent.headers['x-request-id'],
      },
    },
    'rest-api-v1': {
      statusCode: 201,
      contentType: 'application/json',
      headers: { 'cache-control': CACHE_CONTROL, location: `/orders/${order.orderId}` },
      json: { orderId: order.orderId, itemCount: order.items.length },
    },
    alb: {
      statusCode: 200,
      contentType: 'image/png',
      headers: { 'cache-control': CACHE_CONTROL },
      bytes: PNG_BYTES,
      isBase64Encoded: true,
    },
  };
}

export const EXPECTED_RESPONSES = buildExpectedResponses();

/**
 * Returns a response header value from a Lambda result, looking in `headers`
 * and then `multiValueHeaders`, ignoring the case of the name. A multi-value
 * header is joined with ", ".
 */
export function getResultHeader(result, name) {
  const lowerName = name.toLowerCase();

  for (const [key, value] of Object.entries(result.headers ?? {})) {
    if (key.toLowerCase() === lowerName) {
      return String(value);
    }
  }
  for (const [key, values] of Object.entries(result.multiValueHeaders ?? {})) {
    if (key.toLowerCase() === lowerName) {
      return values.map(String).join(', ');
    }
  }
  return undefined;
}

/** Returns the result body as bytes, decoded from base64 when `isBase64Encoded` is true. */
function decodeBody(result) {
  const body = result.body ?? '';
  return Buffer.from(body, result.isBase64Encoded ? 'base64' : 'utf8');
}

/**
 * Compares a Lambda result, after the JSON round trip that the runtime does,
 * with the response that the app sends for `eventName`.
 *
 * @returns {string[]} one message per mismatch; empty when the result is correct.
 */
export function checkResult(eventName, result) {
  const expected = EXPECTED_RESPONSES[eventName];
  const problems = [];

  if (result === null || typeof result !== 'object') {
    return [`result is ${JSON.stringify(result)}, expected an object`];
  }
  if (result.statusCode !== expected.statusCode) {
    problems.push(`statusCode is ${result.statusCode}, expected ${expected.statusCode}`);
  }

  const contentType = getResultHeader(result, 'content-type');
  if (!contentType || contentType.split(';')[0].trim() !== expected.contentType) {
    problems.push(`content-type is ${JSON.stringify(contentType)}, expected ${expected.contentType}`);
  }
  for (const [name, value] of Object.entries(expected.headers)) {
    const actual = getResultHeader(result, name);
    if (actual !== value) {
      problems.push(`${name} header is ${JSON.stringify(actual)}, expected ${JSON.stringify(value)}`);
    }
  }

  if (expected.isBase64Encoded !== undefined && result.isBase64Encoded !== expected.isBase64Encoded) {
    problems.push(`isBase64Encoded is ${result.isBase64Encoded}, expected ${expected.isBase64Encoded}`);
  }

  const body = decodeBody(result);
  if (expected.bytes && !body.equals(expected.bytes)) {
    problems.push(`body is ${body.length} bytes that differ from the ${expected.bytes.length} PNG bytes the app sent`);
  }
  if (expected.json) {
    let parsed;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (error) {
      problems.push(`body is not valid JSON (${error.message}): ${JSON.stringify(body.toString('utf8').slice(0, 120))}`);
    }
    if (parsed !== undefined && !isDeepStrictEqual(parsed, expected.json)) {
      problems.push(`body is ${JSON.stringify(parsed)}, expected ${JSON.stringify(expected.json)}`);
    }
  }

  return problems;
}
