/**
 * Unit tests of the conformance checker: each pointer kind and matcher is shown
 * passing on a conforming result and failing on a wrong one, so a green
 * conformance run means the adapter conforms, not that the checker is lax.
 */
import { gzipSync } from 'node:zlib';

import {
  checkConformance,
  detectEventSource,
  formatFailures,
  isStrictBase64,
  matchesExpected,
  receivedHeaderValues,
  splitPointer,
  type ConformanceCase,
} from './support/conformance';
import { loadConformanceCases } from './support/cases';

const restEvent = { httpMethod: 'GET', path: '/x', headers: {}, multiValueHeaders: {}, requestContext: {} };
const httpEvent = { version: '2.0', rawPath: '/x', requestContext: { http: { method: 'GET' } } };
const albMultiValueEvent = { httpMethod: 'GET', requestContext: { elb: {} }, multiValueHeaders: { host: ['a'] } };
const albSingleValueEvent = { httpMethod: 'GET', requestContext: { elb: {} }, headers: { host: 'a' }, multiValueHeaders: null };

function makeCase(expect: Record<string, unknown>, event: unknown = httpEvent): ConformanceCase {
  return { id: 'checker-test', summary: 'checker unit test', event, expect };
}

function check(expect: Record<string, unknown>, result: unknown, event: unknown = httpEvent) {
  return checkConformance(makeCase(expect, event), result);
}

describe('splitPointer', () => {
  test('splits at dots', () => {
    expect(splitPointer('echo.headers.host')).toEqual(['echo', 'headers', 'host']);
  });

  test('keeps escaped dots', () => {
    expect(splitPointer('echo.query.a\\.b.c')).toEqual(['echo', 'query', 'a.b', 'c']);
  });

  test('keeps a single segment', () => {
    expect(splitPointer('statusCode')).toEqual(['statusCode']);
  });
});

describe('top-level pointers', () => {
  test('statusCode equal passes', () => {
    expect(check({ statusCode: 200 }, { statusCode: 200 })).toEqual([]);
  });

  test('statusCode different fails', () => {
    expect(check({ statusCode: 200 }, { statusCode: 500 })).toEqual([
      { pointer: 'statusCode', expected: 200, actual: 500 },
    ]);
  });

  test('string is not equal to number', () => {
    expect(check({ statusCode: 200 }, { statusCode: '200' })).toHaveLength(1);
  });

  test('missing field fails deep equality', () => {
    expect(check({ isBase64Encoded: false }, { statusCode: 200 })).toEqual([
      { pointer: 'isBase64Encoded', expected: false, actual: undefined },
    ]);
  });

  test('sub path reads into arrays', () => {
    const result = { cookies: ['a=1', 'b=2'] };

    expect(check({ 'cookies.1': 'b=2' }, result)).toEqual([]);
    expect(check({ 'cookies.1': 'a=1' }, result)).toHaveLength(1);
    expect(check({ 'cookies.x': { $exists: false } }, result)).toEqual([]);
  });

  test('arrays compare in order', () => {
    expect(check({ cookies: ['a', 'b'] }, { cookies: ['a', 'b'] })).toEqual([]);
    expect(check({ cookies: ['a', 'b'] }, { cookies: ['b', 'a'] })).toHaveLength(1);
    expect(check({ cookies: ['a', 'b'] }, { cookies: ['a', 'b', 'c'] })).toHaveLength(1);
  });

  test('objects compare deeply regardless of key order', () => {
    expect(check({ extra: { a: 1, b: [1, { c: null }] } }, { extra: { b: [1, { c: null }], a: 1 } })).toEqual([]);
    expect(check({ extra: { a: 1 } }, { extra: { a: 1, b: 2 } })).toHaveLength(1);
  });

  test('every failing expectation is listed', () => {
    const failures = check({ statusCode: 200, isBase64Encoded: false }, { statusCode: 404, isBase64Encoded: true });

    expect(failures.map((failure) => failure.pointer)).toEqual(['statusCode', 'isBase64Encoded']);
  });
});

describe('headers and multiValueHeaders pointers', () => {
  test('name matches case-insensitively', () => {
    const result = { headers: { 'Content-Type': 'text/plain' } };

    expect(check({ 'headers.content-type': 'text/plain' }, result)).toEqual([]);
    expect(check({ 'headers.CONTENT-TYPE': 'text/plain' }, result)).toEqual([]);
  });

  test('wrong value fails', () => {
    expect(check({ 'headers.content-length': '17' }, { headers: { 'content-length': 17 } })).toEqual([
      { pointer: 'headers.content-length', expected: '17', actual: 17 },
    ]);
  });

  test('two spellings of one name fail', () => {
    const result = { headers: { 'content-type': 'text/plain', 'Content-Type': 'text/plain' } };
    const failures = check({ 'headers.content-type': 'text/plain' }, result);

    expect(failures).toHaveLength(1);
    expect(failures[0]?.note).toMatch(/2 ways/);
  });

  test('two spellings fail even for $exists true', () => {
    const result = { multiValueHeaders: { 'set-cookie': ['a'], 'Set-Cookie': ['b'] } };

    expect(check({ 'multiValueHeaders.set-cookie': { $exists: true } }, result)).toHaveLength(1);
  });

  test('multiValueHeaders entry compares as a list', () => {
    const result = { multiValueHeaders: { 'Set-Cookie': ['a=1; Path=/', 'b=2; Path=/; HttpOnly'] } };

    expect(check({ 'multiValueHeaders.set-cookie': ['a=1; Path=/', 'b=2; Path=/; HttpOnly'] }, result)).toEqual([]);
    expect(check({ 'multiValueHeaders.set-cookie': ['a=1; Path=/'] }, result)).toHaveLength(1);
  });

  test('missing map passes $exists false', () => {
    expect(check({ 'headers.set-cookie': { $exists: false } }, { statusCode: 200 })).toEqual([]);
  });

  test('present entry fails $exists false', () => {
    expect(check({ 'headers.set-cookie': { $exists: false } }, { headers: { 'set-cookie': 'a=1' } })).toHaveLength(1);
  });
});

describe('detectEventSource', () => {
  test('recognises each source', () => {
    expect(detectEventSource(restEvent)).toBe('rest');
    expect(detectEventSource(httpEvent)).toBe('http');
    expect(detectEventSource(albMultiValueEvent)).toBe('alb-multi-value');
    expect(detectEventSource(albSingleValueEvent)).toBe('alb-single-value');
  });

  test('rejects an unknown event', () => {
    expect(() => detectEventSource({ foo: 1 })).toThrow(/Cannot detect the event source/);
  });
});

describe('header pointer on REST API', () => {
  test('merges headers and multiValueHeaders', () => {
    const result = { headers: { 'x-a': 'one' }, multiValueHeaders: { 'x-a': ['two'] } };

    expect(receivedHeaderValues(result, restEvent, 'x-a')).toEqual(['two', 'one']);
  });

  test('counts a pair present in both maps once', () => {
    const result = { headers: { 'Set-Cookie': 'a=1' }, multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] } };

    expect(check({ 'header.set-cookie': ['a=1', 'b=2'] }, result, restEvent)).toEqual([]);
  });

  test('joined and split values arrive three times', () => {
    const result = { headers: { 'x-multi': 'one, two' }, multiValueHeaders: { 'x-multi': ['one', 'two'] } };
    const expectation = { 'header.x-multi': { $oneOf: [['one', 'two'], ['one, two'], ['one,two']] } };

    expect(check(expectation, result, restEvent)).toEqual([
      { pointer: 'header.x-multi', expected: expectation['header.x-multi'], actual: ['one', 'two', 'one, two'] },
    ]);
  });

  test('absent header passes $exists false', () => {
    expect(check({ 'header.transfer-encoding': { $exists: false } }, { headers: {} }, restEvent)).toEqual([]);
  });

  test('header in either map fails $exists false', () => {
    const expectation = { 'header.transfer-encoding': { $exists: false } };

    expect(check(expectation, { headers: { 'Transfer-Encoding': 'chunked' } }, restEvent)).toHaveLength(1);
    expect(check(expectation, { multiValueHeaders: { 'transfer-encoding': ['chunked'] } }, restEvent)).toHaveLength(1);
  });
});

describe('header pointer on payload 2.0', () => {
  test('reads headers only', () => {
    const result = { headers: { 'content-type': 'text/plain' }, multiValueHeaders: { 'content-type': ['text/html'] } };

    expect(check({ 'header.content-type': ['text/plain'] }, result)).toEqual([]);
  });

  test('adds the cookies array to set-cookie', () => {
    const result = { headers: {}, cookies: ['a=1; Path=/', 'b=2; Path=/; HttpOnly'] };

    expect(check({ 'header.set-cookie': ['a=1; Path=/', 'b=2; Path=/; HttpOnly'] }, result)).toEqual([]);
  });

  test('cookies in both places arrive twice', () => {
    const result = { headers: { 'set-cookie': 'a=1' }, cookies: ['a=1'] };

    expect(check({ 'header.set-cookie': ['a=1'] }, result)).toHaveLength(1);
  });

  test('cookies array does not count for other headers', () => {
    expect(check({ 'header.cookie': { $exists: false } }, { cookies: ['a=1'] })).toEqual([]);
  });
});

describe('header pointer on ALB', () => {
  test('multi-value event reads multiValueHeaders only', () => {
    const result = { headers: { 'content-type': 'text/plain' }, multiValueHeaders: {} };

    expect(check({ 'header.content-type': ['text/plain'] }, result, albMultiValueEvent)).toHaveLength(1);
    expect(
      check({ 'header.content-type': ['text/plain'] }, { multiValueHeaders: { 'Content-Type': ['text/plain'] } }, albMultiValueEvent),
    ).toEqual([]);
  });

  test('single-value event reads headers only', () => {
    const result = { headers: {}, multiValueHeaders: { 'content-type': ['text/plain'] } };

    expect(check({ 'header.content-type': ['text/plain'] }, result, albSingleValueEvent)).toHaveLength(1);
    expect(
      check({ 'header.content-type': ['text/plain'] }, { headers: { 'content-type': 'text/plain' } }, albSingleValueEvent),
    ).toEqual([]);
  });
});

describe('body pointers', () => {
  const text = 'héllo wörld ✓';
  const textResult = { body: text, isBase64Encoded: false };
  const base64Result = { body: Buffer.from(text).toString('base64'), isBase64Encoded: true };

  test('bodyDecoded reads text and base64 alike', () => {
    expect(check({ bodyDecoded: text }, textResult)).toEqual([]);
    expect(check({ bodyDecoded: text }, base64Result)).toEqual([]);
  });

  test('bodyDecoded of base64 not decoded fails', () => {
    expect(check({ bodyDecoded: text }, { ...base64Result, isBase64Encoded: false })).toHaveLength(1);
  });

  test('missing body decodes as empty', () => {
    expect(check({ bodyDecoded: '' }, { statusCode: 204 })).toEqual([]);
    expect(check({ bodyDecoded: '' }, { body: null })).toEqual([]);
    expect(check({ bodyLength: 0 }, { statusCode: 204 })).toEqual([]);
  });

  test('bodyLength counts bytes, not characters', () => {
    expect(check({ bodyLength: 17 }, textResult)).toEqual([]);
    expect(check({ bodyLength: 17 }, base64Result)).toEqual([]);
    expect(check({ bodyLength: 13 }, textResult)).toHaveLength(1);
  });

  test('bodyBase64 encodes text bodies', () => {
    const binary = Buffer.from([0, 1, 254, 255]);

    expect(check({ bodyBase64: binary.toString('base64') }, { body: binary.toString('base64'), isBase64Encoded: true })).toEqual([]);
    expect(check({ bodyBase64: Buffer.from('ok').toString('base64') }, { body: 'ok', isBase64Encoded: false })).toEqual([]);
  });

  test('bodyBase64 of mangled binary fails', () => {
    const binary = Buffer.from([0, 1, 254, 255]);
    const mangled = { body: binary.toString('latin1'), isBase64Encoded: false };

    expect(check({ bodyBase64: binary.toString('base64') }, mangled)).toHaveLength(1);
  });

  test('invalid base64 body fails every body pointer', () => {
    const result = { body: 'not base64!', isBase64Encoded: true };
    const failures = check({ bodyDecoded: { $exists: true }, bodyLength: { $exists: false } }, result);

    expect(failures).toHaveLength(2);
    expect(failures[0]?.note).toMatch(/not valid base64/);
  });

  test('non-string body fails', () => {
    expect(check({ bodyDecoded: '{"a":1}' }, { body: { a: 1 } })).toHaveLength(1);
  });

  test('bodyGunzip decodes gzip', () => {
    const result = { body: gzipSync('hello gzip').toString('base64'), isBase64Encoded: true };

    expect(check({ bodyGunzip: 'hello gzip' }, result)).toEqual([]);
    expect(check({ bodyGunzip: 'hello' }, result)).toHaveLength(1);
  });

  test('bodyGunzip of plain text fails with a note', () => {
    const failures = check({ bodyGunzip: 'hello gzip' }, { body: 'hello gzip', isBase64Encoded: false });

    expect(failures).toHaveLength(1);
    expect(failures[0]?.note).toMatch(/not valid gzip/);
  });
});

describe('echo pointers', () => {
  const echo = {
    method: 'GET',
    query: { tags: ['a', 'b'], 'a.b': 'dotted' },
    headers: { host: 'example.com', 'content-length': '13' },
    body: '',
  };
  const result = { statusCode: 200, body: JSON.stringify(echo), isBase64Encoded: false };

  test('reads paths in the echo object', () => {
    expect(check({ 'echo.method': 'GET', 'echo.headers.host': 'example.com', 'echo.query.tags.0': 'a' }, result)).toEqual([]);
  });

  test('reads echo from a base64 body', () => {
    const encoded = { body: Buffer.from(JSON.stringify(echo)).toString('base64'), isBase64Encoded: true };

    expect(check({ 'echo.method': 'GET' }, encoded)).toEqual([]);
  });

  test('escaped dot reads a dotted key', () => {
    expect(check({ 'echo.query.a\\.b': 'dotted' }, result)).toEqual([]);
    expect(check({ 'echo.query.a.b': { $exists: false } }, result)).toEqual([]);
  });

  test('wrong echo value fails', () => {
    expect(check({ 'echo.query': { tags: ['a'] } }, result)).toEqual([
      { pointer: 'echo.query', expected: { tags: ['a'] }, actual: echo.query },
    ]);
  });

  test('body that is not JSON fails with a note', () => {
    const failures = check({ 'echo.method': { $exists: false } }, { body: 'Internal Server Error' });

    expect(failures).toHaveLength(1);
    expect(failures[0]?.note).toMatch(/not JSON/);
  });
});

describe('matchers', () => {
  test('$exists', () => {
    expect(matchesExpected({ $exists: true }, 'x')).toBe(true);
    expect(matchesExpected({ $exists: true }, null)).toBe(true);
    expect(matchesExpected({ $exists: true }, undefined)).toBe(false);
    expect(matchesExpected({ $exists: false }, undefined)).toBe(true);
    expect(matchesExpected({ $exists: false }, '')).toBe(false);
  });

  test('$contains on strings', () => {
    expect(matchesExpected({ $contains: 'wörld' }, 'héllo wörld')).toBe(true);
    expect(matchesExpected({ $contains: 'world' }, 'héllo wörld')).toBe(false);
  });

  test('$contains on arrays', () => {
    expect(matchesExpected({ $contains: 'b' }, ['a', 'b'])).toBe(true);
    expect(matchesExpected({ $contains: 'b' }, ['a', 'bc'])).toBe(false);
    expect(matchesExpected({ $contains: { a: 1 } }, [{ a: 1 }])).toBe(true);
  });

  test('$contains on other types fails', () => {
    expect(matchesExpected({ $contains: '1' }, 1)).toBe(false);
    expect(matchesExpected({ $contains: 'a' }, undefined)).toBe(false);
  });

  test('$matches', () => {
    expect(matchesExpected({ $matches: '^session=abc; ?theme=dark$' }, 'session=abc; theme=dark')).toBe(true);
    expect(matchesExpected({ $matches: '^session=abc; ?theme=dark$' }, 'session=abc;theme=dark')).toBe(true);
    expect(matchesExpected({ $matches: '^session=abc; ?theme=dark$' }, 'session=abc, theme=dark')).toBe(false);
    expect(matchesExpected({ $matches: 'a' }, ['a'])).toBe(false);
  });

  test('$oneOf', () => {
    const expectation = { $oneOf: [['one', 'two'], ['one, two']] };

    expect(matchesExpected(expectation, ['one', 'two'])).toBe(true);
    expect(matchesExpected(expectation, ['one, two'])).toBe(true);
    expect(matchesExpected(expectation, ['one,two'])).toBe(false);
    expect(matchesExpected(expectation, undefined)).toBe(false);
  });

  test('$oneOf takes matchers as candidates', () => {
    expect(matchesExpected({ $oneOf: [{ $exists: false }, 'x'] }, undefined)).toBe(true);
  });

  test('several matcher keys must all hold', () => {
    expect(matchesExpected({ $exists: true, $contains: 'b' }, 'abc')).toBe(true);
    expect(matchesExpected({ $exists: true, $contains: 'z' }, 'abc')).toBe(false);
  });

  test('unknown matcher throws', () => {
    expect(() => matchesExpected({ $equals: 1 }, 1, 'statusCode')).toThrow(/unknown matcher \$equals/);
  });

  test('object without $ keys is compared deeply', () => {
    expect(matchesExpected({ a: 1 }, { a: 1 })).toBe(true);
    expect(matchesExpected({ a: 1 }, { a: 2 })).toBe(false);
  });
});

describe('checkConformance input checks', () => {
  test('case without event throws', () => {
    const testCase: ConformanceCase = { id: 'no-event', summary: '', eventFile: 'x.json', expect: { statusCode: 200 } };

    expect(() => checkConformance(testCase, { statusCode: 200 })).toThrow(/has no event/);
  });

  test('header pointer without name throws', () => {
    expect(() => check({ header: ['x'] }, {})).toThrow(/header needs a name/);
    expect(() => check({ 'header.': ['x'] }, {})).toThrow(/header needs a name/);
    expect(() => check({ headers: 'x' }, {})).toThrow(/headers needs a name/);
  });
});

describe('isStrictBase64', () => {
  test('accepts padded base64', () => {
    expect(isStrictBase64('')).toBe(true);
    expect(isStrictBase64('AAECAw==')).toBe(true);
    expect(isStrictBase64('YWJj')).toBe(true);
  });

  test('rejects text and unpadded base64', () => {
    expect(isStrictBase64('Hello from Lambda!')).toBe(false);
    expect(isStrictBase64('AAECAw')).toBe(false);
    expect(isStrictBase64('YW Jj')).toBe(false);
  });
});

describe('formatFailures', () => {
  test('shows pointer, expected and actual', () => {
    const text = formatFailures([{ pointer: 'statusCode', expected: 200, actual: 500 }]);

    expect(text).toBe('statusCode: expected 200, actual 500');
  });

  test('marks a missing value and adds the note', () => {
    const text = formatFailures([{ pointer: 'echo.path', expected: '/a', actual: undefined, note: 'the body is not JSON' }]);

    expect(text).toBe('echo.path: expected "/a", actual undefined (missing) (the body is not JSON)');
  });

  test('cuts long values', () => {
    const text = formatFailures([{ pointer: 'bodyDecoded', expected: 'x', actual: 'y'.repeat(10_000) }]);

    expect(text.length).toBeLessThan(600);
    expect(text).toContain('[10002 characters]');
  });
});

describe('fixture cases', () => {
  const cases = loadConformanceCases();

  test('load with an event each', () => {
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.filter((testCase) => testCase.event === undefined).map((testCase) => testCase.id)).toEqual([]);
  });

  test.each(cases.map((testCase) => [testCase.id, testCase] as const))('%s fails on an empty result', (_id, testCase) => {
    const failures = checkConformance(testCase, {});

    expect(failures.length).toBeGreaterThan(0);
    expect(failures.map((failure) => failure.pointer)).toContain('statusCode');
  });
});
