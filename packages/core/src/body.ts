/**
 * Body bytes in both directions: base64 decoding of request bodies, and the
 * decision whether a response body travels as text or as base64.
 */
import { isUtf8 } from 'node:buffer';
import { InvalidBase64BodyError } from './errors.js';

/** The parts of a response that the text-or-binary decision reads. */
export interface ResponseBodyInfo {
  /** The `content-type` response header, if the app set one. */
  contentType: string | undefined;
  /** The `content-encoding` response header, if the app set one. */
  contentEncoding: string | undefined;
  /** The body bytes. */
  body: Buffer;
}

/**
 * Decides whether a response body is binary, so that it is sent base64-encoded
 * with `isBase64Encoded: true`. Replace it with the handler option `isBinary`.
 */
export type IsBinaryPredicate = (response: ResponseBodyInfo) => boolean;

const TEXT_TYPES = new Set([
  'application/json',
  'application/javascript',
  'application/ecmascript',
  'application/x-javascript',
  'application/xml',
  'application/yaml',
  'application/x-yaml',
]);

const TEXT_SUFFIXES = ['+json', '+xml', '+yaml'];

const TEXT_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);

/**
 * Decides by the default rule whether a body is binary. A body is text, and so sent as a UTF-8
 * string, when all of these hold:
 * - the content encoding is absent or `identity` (a gzip body is bytes);
 * - the content type is textual (`text/*`, JSON, JavaScript, XML, YAML, or a
 *   `+json`, `+xml` or `+yaml` suffix) with no charset or a UTF-8 or US-ASCII
 *   one, or there is no content type at all;
 * - the bytes are valid UTF-8, so the string round-trips without loss.
 * Everything else is binary.
 */
export function isBinaryResponse({ contentType, contentEncoding, body }: ResponseBodyInfo): boolean {
  if (contentEncoding !== undefined && contentEncoding.trim().toLowerCase() !== 'identity' && contentEncoding.trim() !== '') {
    return true;
  }
  if (contentType !== undefined && !isTextContentType(contentType)) {
    return true;
  }
  return !isUtf8(body);
}

// Apps send few distinct content types, so decisions are kept per process.
// The bound keeps types with unique parameters (multipart boundaries) from
// growing the cache without limit.
const textTypeCache = new Map<string, boolean>();
const TEXT_TYPE_CACHE_SIZE = 256;

/** Tells whether a `content-type` value names a textual type in UTF-8 or US-ASCII. */
export function isTextContentType(contentType: string): boolean {
  const cached = textTypeCache.get(contentType);
  if (cached !== undefined) return cached;
  const text = classifyContentType(contentType);
  if (textTypeCache.size < TEXT_TYPE_CACHE_SIZE) textTypeCache.set(contentType, text);
  return text;
}

function classifyContentType(contentType: string): boolean {
  const semicolon = contentType.indexOf(';');
  const essence = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  const textual =
    essence.startsWith('text/') || TEXT_TYPES.has(essence) || TEXT_SUFFIXES.some((suffix) => essence.endsWith(suffix));
  if (!textual) return false;
  if (semicolon === -1) return true;
  const charset = readCharset(contentType.slice(semicolon + 1));
  return charset === undefined || TEXT_CHARSETS.has(charset);
}

function readCharset(parameters: string): string | undefined {
  for (const parameter of parameters.split(';')) {
    const equals = parameter.indexOf('=');
    if (equals === -1) continue;
    if (parameter.slice(0, equals).trim().toLowerCase() !== 'charset') continue;
    return parameter
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
  }
  return undefined;
}

// Standard alphabet (RFC 4648 section 4), padding optional. Node's decoder
// silently skips invalid characters, so the check has to come first.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes a base64 request body. Throws `InvalidBase64BodyError` when the
 * text is not base64, instead of handing the app silently damaged bytes.
 */
export function decodeBase64Body(body: string): Buffer {
  if (body.length % 4 === 1 || !BASE64.test(body)) {
    throw new InvalidBase64BodyError(body.length);
  }
  const padding = body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0;
  if (padding > 0 && body.length % 4 !== 0) {
    throw new InvalidBase64BodyError(body.length);
  }
  return Buffer.from(body, 'base64');
}
