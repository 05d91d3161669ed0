/**
 * Unit tests of the corpus checks: each check passes on a faithful request
 * and fails on a request that lost or changed what the event carried.
 */
import {
  collectEventHeaders,
  eventBodyBytes,
  expectedQueryPairs,
  findMissingHeaderValues,
  findMissingQueryPairs,
  type SeenRequest,
} from './support/request-checks';

function seenRequest(overrides: Partial<SeenRequest>): SeenRequest {
  return { method: 'GET', url: '/', headers: {}, rawHeaders: [], query: {}, body: Buffer.alloc(0), ...overrides };
}

const restEvent = {
  httpMethod: 'GET',
  headers: { Host: 'example.com', Header2: 'value2', Cookie: 'a=1' },
  multiValueHeaders: { Host: ['example.com'], Header2: ['value1', 'value2'], Cookie: ['a=1', 'b=2'] },
  queryStringParameters: { tag: 'b' },
  multiValueQueryStringParameters: { tag: ['a', 'b'], q: ['x & y'] },
};

describe('collectEventHeaders', () => {
  test('merges both maps by lower-case name', () => {
    const headers = collectEventHeaders(restEvent);

    expect(headers.get('header2')).toEqual(['value1', 'value2', 'value2']);
    expect(headers.get('host')).toEqual(['example.com', 'example.com']);
  });
});

describe('findMissingHeaderValues', () => {
  test('passes when Node joined the values', () => {
    const seen = seenRequest({ headers: { host: 'example.com', header2: 'value1, value2', cookie: 'a=1; b=2' } });

    expect(findMissingHeaderValues(restEvent, seen)).toEqual([]);
  });

  test('lists a value that was dropped', () => {
    const seen = seenRequest({ headers: { host: 'example.com', header2: 'value2', cookie: 'a=1; b=2' } });

    expect(findMissingHeaderValues(restEvent, seen)).toEqual(['header2: "value1" (app saw "value2")']);
  });

  test('lists a single-value field with a foreign value', () => {
    const seen = seenRequest({ headers: { host: 'other.example', header2: 'value1, value2', cookie: 'a=1; b=2' } });

    expect(findMissingHeaderValues(restEvent, seen)).toEqual(['host: "example.com" (app saw "other.example")']);
  });

  test('ignores content-length and transfer-encoding', () => {
    const event = { headers: { 'content-length': '0', 'transfer-encoding': 'chunked' } };

    expect(findMissingHeaderValues(event, seenRequest({ headers: { 'content-length': '24' } }))).toEqual([]);
  });
});

describe('expectedQueryPairs', () => {
  test('REST prefers the multi-value map', () => {
    expect(expectedQueryPairs('apigw-v1', restEvent)).toEqual([
      ['tag', 'a'],
      ['tag', 'b'],
      ['q', 'x & y'],
    ]);
  });

  test('REST falls back to the single map', () => {
    expect(expectedQueryPairs('apigw-v1', { queryStringParameters: { a: '1' }, multiValueQueryStringParameters: null })).toEqual([
      ['a', '1'],
    ]);
  });

  test('payload 2.0 parses rawQueryString', () => {
    const event = { rawQueryString: 'a=1&a=2&q=x%20y%26z', queryStringParameters: { a: '1,2' } };

    expect(expectedQueryPairs('apigw-v2', event)).toEqual([
      ['a', '1'],
      ['a', '2'],
      ['q', 'x y&z'],
    ]);
  });

  test('ALB values are percent-decoded with plus as space', () => {
    const event = { queryStringParameters: { name: 'John+Smith', city: 'M%C3%BCnchen', q: '%28a%3Db%29' } };

    expect(expectedQueryPairs('alb', event)).toEqual([
      ['name', 'John Smith'],
      ['city', 'München'],
      ['q', '(a=b)'],
    ]);
  });
});

describe('findMissingQueryPairs', () => {
  test('passes when every value arrived', () => {
    const seen = seenRequest({ query: { tag: ['a', 'b'], q: 'x & y' } });

    expect(findMissingQueryPairs('apigw-v1', restEvent, seen)).toEqual([]);
  });

  test('lists values lost to the single map', () => {
    const seen = seenRequest({ query: { tag: 'b', q: 'x & y' } });

    expect(findMissingQueryPairs('apigw-v1', restEvent, seen)).toEqual(['tag="a" (app saw "b")']);
  });

  test('lists a value decoded twice or not at all', () => {
    const event = { queryStringParameters: { q: '%2541' } };

    expect(findMissingQueryPairs('alb', event, seenRequest({ query: { q: '%41' } }))).toEqual([]);
    expect(findMissingQueryPairs('alb', event, seenRequest({ query: { q: 'A' } }))).toEqual(['q="%41" (app saw "A")']);
  });
});

describe('eventBodyBytes', () => {
  test('decodes base64 bodies', () => {
    expect(eventBodyBytes({ body: 'AAH/', isBase64Encoded: true })).toEqual(Buffer.from([0, 1, 255]));
  });

  test('encodes text bodies as UTF-8', () => {
    expect(eventBodyBytes({ body: 'é', isBase64Encoded: false })).toEqual(Buffer.from([0xc3, 0xa9]));
  });

  test('treats a missing body as empty', () => {
    expect(eventBodyBytes({ body: null })).toEqual(Buffer.alloc(0));
  });
});
