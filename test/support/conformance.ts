/**
 * Checks a Lambda result against the `expect` map of a conformance case.
 *
 * Pointers and matchers follow test/fixtures/conformance/README.md. The checker
 * reads the case's event only to learn the event source, which decides what
 * `header.<name>` means.
 */
import { gunzipSync } from 'node:zlib';

/** A JSON object as `JSON.parse` returns it. */
export type JsonObject = { [key: string]: unknown };

/** One conformance case file, with its event loaded when the file names `eventFile`. */
export interface ConformanceCase {
  id: string;
  summary: string;
  event?: unknown;
  /** Path of the event file, relative to the case file. */
  eventFile?: string;
  /** Environment variables set while the handler is built and invoked. */
  env?: Record<string, string>;
  /** Expected values keyed by pointer. */
  expect: Record<string, unknown>;
  /** The public report that the case reproduces. */
  source?: string;
  /** The AWS guide or RFC that fixes the expected value. */
  why?: string;
}

/** One expectation that the result did not meet. */
export interface ConformanceFailure {
  pointer: string;
  expected: unknown;
  /** The value found at the pointer, or `undefined` when nothing was found. */
  actual: unknown;
  /** Why the value could not be read, such as a body that is not valid base64. */
  note?: string;
}

/** The event sources whose results differ in how headers reach the client. */
export type EventSource = 'rest' | 'http' | 'alb-multi-value' | 'alb-single-value';

/** The value found at a pointer, with a `note` when it could not be read. */
export interface ResolvedValue {
  value: unknown;
  note?: string;
}

const MATCHER_KEYS = new Set(['$exists', '$contains', '$matches', '$oneOf']);

/**
 * Checks every expectation of `testCase` against `result` and returns the
 * failures, in the order of the `expect` map. An empty list means the result
 * conforms.
 *
 * Pass the result after `JSON.parse(JSON.stringify(result))`, as the Lambda
 * runtime sends it. Throws when the case itself is invalid (no event, an
 * unknown matcher), because that is a fault of the fixture, not of the adapter.
 */
export function checkConformance(testCase: ConformanceCase, result: unknown): ConformanceFailure[] {
  if (testCase.event === undefined) {
    throw new Error(
      `Case "${testCase.id}" has no event; load cases with loadConformanceCases so that eventFile is read.`,
    );
  }
  const failures: ConformanceFailure[] = [];

  for (const [pointer, expected] of Object.entries(testCase.expect)) {
    const resolved = resolvePointer(pointer, result, testCase.event);
    // A note means the value could not be read as the service would read it,
    // so the expectation fails whatever it expects, `{"$exists": false}` included.
    if (resolved.note !== undefined || !matchesExpected(expected, resolved.value, pointer)) {
      const failure: ConformanceFailure = { pointer, expected, actual: resolved.value };
      if (resolved.note !== undefined) failure.note = resolved.note;
      failures.push(failure);
    }
  }

  return failures;
}

/**
 * Splits a pointer at dots that are not escaped, and turns `\.` back into a
 * literal dot inside each segment.
 */
export function splitPointer(pointer: string): string[] {
  const segments: string[] = [];
  let current = '';

  for (let index = 0; index < pointer.length; index += 1) {
    const character = pointer[index];
    if (character === '\\' && pointer[index + 1] === '.') {
      current += '.';
      index += 1;
    } else if (character === '.') {
      segments.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  segments.push(current);

  return segments;
}

/**
 * Returns the event source that decides how the client receives headers.
 * ALB events carry `requestContext.elb`, payload 2.0 events carry
 * `version: "2.0"`, and REST API events carry `httpMethod`.
 */
export function detectEventSource(event: unknown): EventSource {
  if (!isJsonObject(event)) {
    throw new Error(`Cannot detect the event source: the event is ${describeType(event)}, expected an object.`);
  }

  const requestContext = event['requestContext'];
  if (isJsonObject(requestContext) && requestContext['elb'] !== undefined) {
    return hasValue(event['multiValueHeaders']) ? 'alb-multi-value' : 'alb-single-value';
  }
  if (event['version'] === '2.0') return 'http';
  if (typeof event['httpMethod'] === 'string') return 'rest';

  throw new Error(
    'Cannot detect the event source: the event has no requestContext.elb, no version "2.0" and no httpMethod.',
  );
}

/**
 * Returns the values of one header that the client receives, or `undefined`
 * when the client receives none. The rules per source follow the AWS
 * documentation of each service:
 * - REST API: API Gateway merges `headers` and `multiValueHeaders`, and a
 *   name/value pair present in both arrives once.
 * - Payload 2.0: `headers` only; for `set-cookie`, `headers` then `cookies`.
 * - ALB: `multiValueHeaders` when the event had them, else `headers`.
 */
export function receivedHeaderValues(result: unknown, event: unknown, name: string): unknown[] | undefined {
  const source = detectEventSource(event);
  const resultObject = isJsonObject(result) ? result : {};
  const singleValues = valuesOfAllSpellings(resultObject['headers'], name);
  const multipleValues = valuesOfAllSpellings(resultObject['multiValueHeaders'], name).flatMap(toList);

  let values: unknown[];
  switch (source) {
    case 'rest': {
      const singleValuesNotInMultiple = singleValues.filter(
        (value) => !multipleValues.some((multipleValue) => jsonEqual(multipleValue, value)),
      );
      values = [...multipleValues, ...singleValuesNotInMultiple];
      break;
    }
    case 'http': {
      values = [...singleValues];
      if (name.toLowerCase() === 'set-cookie' && Array.isArray(resultObject['cookies'])) {
        values.push(...resultObject['cookies']);
      }
      break;
    }
    case 'alb-multi-value':
      values = multipleValues;
      break;
    case 'alb-single-value':
      values = singleValues;
      break;
  }

  return values.length > 0 ? values : undefined;
}

/**
 * Returns the value at `pointer` in the result. `event` is needed only for
 * `header.<name>` pointers.
 */
export function resolvePointer(pointer: string, result: unknown, event: unknown): ResolvedValue {
  const [head = '', ...rest] = splitPointer(pointer);

  switch (head) {
    case 'header': {
      const name = rest.join('.');
      if (name === '') throw new Error(`Invalid pointer "${pointer}": header needs a name.`);
      return { value: receivedHeaderValues(result, event, name) };
    }
    case 'headers':
    case 'multiValueHeaders': {
      const [name, ...subPath] = rest;
      if (name === undefined || name === '') throw new Error(`Invalid pointer "${pointer}": ${head} needs a name.`);
      const entry = findHeaderEntry(isJsonObject(result) ? result[head] : undefined, name);
      if (entry.note !== undefined) return entry;
      return { value: readPath(entry.value, subPath) };
    }
    case 'bodyDecoded':
    case 'bodyBase64':
    case 'bodyLength':
    case 'bodyGunzip':
    case 'echo':
      return resolveBodyPointer(head, rest, result);
    default:
      return { value: readPath(result, [head, ...rest]) };
  }
}

function resolveBodyPointer(head: string, subPath: string[], result: unknown): ResolvedValue {
  const body = readBodyBytes(result);
  if ('note' in body) return { value: undefined, note: body.note };
  const bytes = body.bytes;

  switch (head) {
    case 'bodyDecoded':
      return { value: readPath(bytes.toString('utf8'), subPath) };
    case 'bodyBase64':
      return { value: readPath(bytes.toString('base64'), subPath) };
    case 'bodyLength':
      return { value: readPath(bytes.length, subPath) };
    case 'bodyGunzip': {
      try {
        return { value: readPath(gunzipSync(bytes).toString('utf8'), subPath) };
      } catch (error) {
        return { value: undefined, note: `the body is not valid gzip: ${errorMessage(error)}` };
      }
    }
    default: {
      let echo: unknown;
      try {
        echo = JSON.parse(bytes.toString('utf8'));
      } catch (error) {
        return { value: undefined, note: `the body is not JSON: ${errorMessage(error)}` };
      }
      return { value: readPath(echo, subPath) };
    }
  }
}

/**
 * Returns the result's body bytes: base64-decoded when `isBase64Encoded` is
 * true, UTF-8 otherwise, and empty when the body is missing or null.
 */
function readBodyBytes(result: unknown): { bytes: Buffer } | { note: string } {
  if (!isJsonObject(result)) return { note: `the result is ${describeType(result)}, not an object` };

  const body = result['body'];
  if (body === undefined || body === null) return { bytes: Buffer.alloc(0) };
  if (typeof body !== 'string') return { note: `body is ${describeType(body)}, not a string` };

  if (result['isBase64Encoded'] === true) {
    if (!isStrictBase64(body)) return { note: 'isBase64Encoded is true but body is not valid base64' };
    return { bytes: Buffer.from(body, 'base64') };
  }
  return { bytes: Buffer.from(body, 'utf8') };
}

/** Returns whether `text` is padded standard base64, which API Gateway and ALB decode. */
export function isStrictBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

/**
 * Returns the entry of `name` in a header map, matching the name
 * case-insensitively. Two spellings of one name are a failure, because the
 * service would send both lines.
 */
function findHeaderEntry(map: unknown, name: string): ResolvedValue {
  if (!isJsonObject(map)) return { value: undefined };

  const keys = Object.keys(map).filter((key) => key.toLowerCase() === name.toLowerCase());
  if (keys.length > 1) {
    return {
      value: keys.map((key) => ({ [key]: map[key] })),
      note: `the map spells one header name ${keys.length} ways: ${keys.join(', ')}`,
    };
  }

  const [key] = keys;
  return { value: key === undefined ? undefined : map[key] };
}

function valuesOfAllSpellings(map: unknown, name: string): unknown[] {
  if (!isJsonObject(map)) return [];
  return Object.keys(map)
    .filter((key) => key.toLowerCase() === name.toLowerCase())
    .map((key) => map[key]);
}

/** Reads a path of object keys and array indexes; returns `undefined` when a step is missing. */
function readPath(root: unknown, path: string[]): unknown {
  let current = root;

  for (const segment of path) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (isJsonObject(current)) {
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = current[segment];
    } else {
      return undefined;
    }
  }

  return current;
}

/**
 * Returns whether `actual` meets `expected`: a matcher object when every key
 * is a matcher name, deep equality otherwise.
 */
export function matchesExpected(expected: unknown, actual: unknown, pointer = '(value)'): boolean {
  if (!isMatcherObject(expected)) return jsonEqual(expected, actual);

  for (const [key, argument] of Object.entries(expected)) {
    if (!MATCHER_KEYS.has(key)) {
      throw new Error(
        `Invalid expectation at "${pointer}": unknown matcher ${key}; use $exists, $contains, $matches or $oneOf.`,
      );
    }
    if (!matchesOne(key, argument, actual, pointer)) return false;
  }

  return true;
}

function matchesOne(key: string, argument: unknown, actual: unknown, pointer: string): boolean {
  switch (key) {
    case '$exists':
      if (typeof argument !== 'boolean') {
        throw new Error(`Invalid expectation at "${pointer}": $exists needs true or false.`);
      }
      return (actual !== undefined) === argument;
    case '$contains':
      if (typeof actual === 'string') {
        if (typeof argument !== 'string') return false;
        return actual.includes(argument);
      }
      if (Array.isArray(actual)) return actual.some((element) => jsonEqual(argument, element));
      return false;
    case '$matches':
      if (typeof argument !== 'string') {
        throw new Error(`Invalid expectation at "${pointer}": $matches needs a regular expression string.`);
      }
      return typeof actual === 'string' && new RegExp(argument).test(actual);
    default:
      if (!Array.isArray(argument)) {
        throw new Error(`Invalid expectation at "${pointer}": $oneOf needs an array of candidates.`);
      }
      return argument.some((candidate) => matchesExpected(candidate, actual, pointer));
  }
}

/** Treats an object as a matcher when all its keys start with `$`. */
function isMatcherObject(value: unknown): value is JsonObject {
  if (!isJsonObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

/** Deep equality of JSON values that ignores key order and object prototypes. */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;

  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((element, index) => jsonEqual(element, right[index]));
  }

  if (isJsonObject(left) && isJsonObject(right)) {
    const leftKeys = Object.keys(left);
    if (leftKeys.length !== Object.keys(right).length) return false;
    return leftKeys.every(
      (key) => Object.prototype.hasOwnProperty.call(right, key) && jsonEqual(left[key], right[key]),
    );
  }

  return false;
}

/**
 * Formats failures for a test message. Long strings are cut, because a
 * mismatch in a 1 MiB body would otherwise flood the output.
 */
export function formatFailures(failures: ConformanceFailure[]): string {
  return failures
    .map((failure) => {
      const note = failure.note === undefined ? '' : ` (${failure.note})`;
      return `${failure.pointer}: expected ${preview(failure.expected)}, actual ${preview(failure.actual)}${note}`;
    })
    .join('\n');
}

function preview(value: unknown, maxLength = 400): string {
  const text = value === undefined ? 'undefined (missing)' : JSON.stringify(value);
  if (text.length <= maxLength) return text;
  return `${text.slice(0, maxLength)}... [${text.length} characters]`;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function toList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
