/**
 * The error catalogue. Every error this library throws is a `LambdaHttpError`
 * with a stable `code`; messages name the field and quote the value received.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';

/** Stable codes of the errors that this library throws or reports. */
export type LambdaHttpErrorCode =
  | 'LHTTP_ERR_UNSUPPORTED_EVENT'
  | 'LHTTP_ERR_MALFORMED_EVENT'
  | 'LHTTP_ERR_INVALID_BASE64_BODY'
  | 'LHTTP_ERR_TOO_MANY_HEADERS'
  | 'LHTTP_ERR_INVALID_HEADER'
  | 'LHTTP_ERR_RESPONSE_TIMEOUT'
  | 'LHTTP_ERR_RESPONSE_ABORTED'
  | 'LHTTP_ERR_INVALID_OPTION'
  | 'LHTTP_ERR_PAYLOAD_PARSE'
  | 'LHTTP_ERR_PAYLOAD_VALIDATION'
  | 'LHTTP_ERR_MISSING_EXTENSIONS';

const kBrand = Symbol.for('lambda-http.error');
/** A class's stable name for the brand; bundlers may rename the class itself. */
const kTypeName = Symbol.for('lambda-http.error-type');

/** Base class of every error thrown by lambda-http. */
export class LambdaHttpError extends Error {
  static readonly [kTypeName]: string = 'LambdaHttpError';

  readonly code: LambdaHttpErrorCode;

  constructor(code: LambdaHttpErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    // The brand lists the type names from this class up to the base, so
    // `instanceof` works across two loaded copies of the package (its CJS and
    // ESM builds, or two installed versions), where prototypes differ.
    const typeNames: string[] = [];
    for (let type = new.target as unknown; typeof type === 'function' && kTypeName in type; type = Object.getPrototypeOf(type)) {
      typeNames.push((type as unknown as Record<symbol, string>)[kTypeName]!);
    }
    Object.defineProperty(this, kBrand, { value: typeNames });
    this.name = typeNames[0] ?? 'LambdaHttpError';
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== 'object' || value === null || !(kBrand in value)) return false;
    const typeName = (this as unknown as Record<symbol, string | undefined>)[kTypeName];
    return typeName !== undefined && (value as { [kBrand]: string[] })[kBrand].includes(typeName);
  }
}

/** The event is not one of the HTTP event sources this library translates. */
export class UnsupportedEventError extends LambdaHttpError {
  static override readonly [kTypeName]: string = 'UnsupportedEventError';

  declare readonly code: 'LHTTP_ERR_UNSUPPORTED_EVENT';

  constructor(description: string) {
    super(
      'LHTTP_ERR_UNSUPPORTED_EVENT',
      `Unsupported Lambda event: ${description}. Expected an API Gateway REST API event ` +
        '(payload format 1.0), an HTTP API or Function URL event (payload format 2.0), ' +
        'or an Application Load Balancer event.',
    );
  }
}

/** The event has the shape of a known source, but a field has the wrong type. */
export class MalformedEventError extends LambdaHttpError {
  static override readonly [kTypeName]: string = 'MalformedEventError';

  declare readonly code: 'LHTTP_ERR_MALFORMED_EVENT';

  /** The dotted path of the offending field, such as `requestContext.http.method`. */
  readonly field: string;

  constructor(source: string, field: string, expected: string, received: unknown) {
    super(
      'LHTTP_ERR_MALFORMED_EVENT',
      `Malformed ${source} event: \`${field}\` must be ${expected}, received ${describeValue(received)}.`,
    );
    this.field = field;
  }
}

/**
 * The event marks its body as base64, but the body is not valid base64. This
 * is bad client data, so the handler returns a 400 result instead of throwing.
 */
export class InvalidBase64BodyError extends LambdaHttpError {
  static override readonly [kTypeName]: string = 'InvalidBase64BodyError';

  declare readonly code: 'LHTTP_ERR_INVALID_BASE64_BODY';

  constructor(length: number) {
    super(
      'LHTTP_ERR_INVALID_BASE64_BODY',
      `Invalid request body: the event sets isBase64Encoded, but its ${length}-character body is not valid base64.`,
    );
  }
}

/** The request has more header fields than the handler accepts; the handler returns a 431 result. */
export class TooManyHeadersError extends LambdaHttpError {
  static override readonly [kTypeName]: string = 'TooManyHeadersError';

  declare readonly code: 'LHTTP_ERR_TOO_MANY_HEADERS';

  constructor(count: number, max: number) {
    super(
      'LHTTP_ERR_TOO_MANY_HEADERS',
      `Request has ${count} header fields, more than the maximum of ${max} (option maxHeaderCount).`,
    );
  }
}

/**
 * A request header field has a name or value that HTTP cannot carry (RFC 9110
 * sections 5.1 and 5.5). The handler returns a 400 result, because Node's HTTP
 * parser would reject such a request too.
 */
export class InvalidHeaderError extends LambdaHttpError {
  static override readonly [kTypeName]: string = 'InvalidHeaderError';

  declare readonly code: 'LHTTP_ERR_INVALID_HEADER';

  constructor(part: 'name' | 'value', name: string) {
    super(
      'LHTTP_ERR_INVALID_HEADER',
      part === 'name'
        ? `Invalid request header name ${describeValue(name)}: a field name must be a non-empty token.`
        : `Invalid value of request header ${describeValue(name)}: it contains a line break or a NUL character.`,
    );
  }
}

/** The app did not end its response before the deadline; passed to `onError` with the 504 result. */
export class ResponseTimeoutError extends LambdaHttpError {
  static override readonly [kTypeName]: string = 'ResponseTimeoutError';

  declare readonly code: 'LHTTP_ERR_RESPONSE_TIMEOUT';

  constructor(remainingMs: number, marginMs: number) {
    super(
      'LHTTP_ERR_RESPONSE_TIMEOUT',
      `The app did not end its response within ${Math.max(0, remainingMs - marginMs)} ms, ` +
        `${marginMs} ms (option timeoutMarginMs) before the Lambda deadline; answered 504.`,
    );
  }
}

/** The app destroyed the response or its socket before ending it; passed to `onError` with the 502 result. */
export class ResponseAbortedError extends LambdaHttpError {
  static override readonly [kTypeName]: string = 'ResponseAbortedError';

  declare readonly code: 'LHTTP_ERR_RESPONSE_ABORTED';

  constructor(cause: Error | undefined) {
    super(
      'LHTTP_ERR_RESPONSE_ABORTED',
      'The app destroyed the response or its socket before ending the response; answered 502.',
      cause === undefined ? undefined : { cause },
    );
  }
}

/** A handler option has an invalid value; thrown when the handler is created. */
export class InvalidOptionError extends LambdaHttpError {
  static override readonly [kTypeName]: string = 'InvalidOptionError';

  declare readonly code: 'LHTTP_ERR_INVALID_OPTION';

  constructor(option: string, expected: string, received: unknown) {
    super(
      'LHTTP_ERR_INVALID_OPTION',
      `Invalid option \`${option}\`: expected ${expected}, received ${describeValue(received)}.`,
    );
  }
}

/**
 * The request body is not valid in the format that its content type names,
 * such as malformed JSON. The parser's own error is the `cause`.
 */
export class PayloadParseError extends LambdaHttpError {
  static override readonly [kTypeName]: string = 'PayloadParseError';

  declare readonly code: 'LHTTP_ERR_PAYLOAD_PARSE';

  /** The `content-type` header of the request, as sent. */
  readonly contentType: string;
  /**
   * 400, read by the error handlers of Express (`status`, `statusCode`),
   * Koa (`status`, `expose`) and Fastify (`statusCode`), so an uncaught
   * payload error becomes a client error with its message shown.
   */
  readonly status = 400;
  readonly statusCode = 400;
  readonly expose = true;

  constructor(contentType: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('LHTTP_ERR_PAYLOAD_PARSE', `Invalid request payload: failed to parse the body as "${contentType}": ${reason}`, {
      cause,
    });
    this.contentType = contentType;
  }
}

/** The parsed request payload failed the validator passed to `payload(schema)`. */
export class PayloadValidationError extends LambdaHttpError {
  static override readonly [kTypeName]: string = 'PayloadValidationError';

  declare readonly code: 'LHTTP_ERR_PAYLOAD_VALIDATION';

  /** The issues that the validator reported, unchanged. */
  readonly issues: ReadonlyArray<StandardSchemaV1.Issue>;
  /** 400 for the frameworks' error handlers, as on `PayloadParseError`. */
  readonly status = 400;
  readonly statusCode = 400;
  readonly expose = true;

  constructor(issues: ReadonlyArray<StandardSchemaV1.Issue>) {
    super('LHTTP_ERR_PAYLOAD_VALIDATION', `Invalid request payload: ${describeIssues(issues)}`);
    this.issues = issues;
  }
}

const MAX_ISSUES_IN_MESSAGE = 3;

/** Lists the first issues as `path: message`; the full list stays on the error. */
function describeIssues(issues: ReadonlyArray<StandardSchemaV1.Issue>): string {
  const shown = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map((issue) => {
    const path = (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment));
    return path.length === 0 ? issue.message : `${path.join('.')}: ${issue.message}`;
  });
  const more = issues.length - shown.length;
  const count = `${issues.length} validation issue${issues.length === 1 ? '' : 's'}`;
  return `${count}: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
}

/** Formats a value for an error message without dumping large objects. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return value.length > 60 ? `a string of length ${value.length}` : JSON.stringify(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}
