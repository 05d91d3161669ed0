/**
 * Payload parsing: the request body bytes as a JSON value or as form data,
 * chosen by the content type, and optional validation with any validator that
 * implements the Standard Schema interface (zod, valibot, ArkType and others).
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { InvalidOptionError, PayloadParseError, PayloadValidationError } from './errors.js';
import { parseFormEncoded } from './query.js';

/**
 * A parsed `application/x-www-form-urlencoded` body: a name sent once maps to
 * its value, a name sent more than once to all its values in order. The
 * object has no prototype, so a field named `__proto__` is plain data.
 */
export type FormPayload = Record<string, string | string[]>;

type PayloadKind = 'json' | 'form' | undefined;

/**
 * Picks the parser from the media type, ignoring parameters and letter case:
 * JSON for `application/json` and every `+json` type (RFC 6839 section 3.1),
 * form data for `application/x-www-form-urlencoded`.
 */
function payloadKind(contentType: string): PayloadKind {
  const semicolon = contentType.indexOf(';');
  const essence = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  if (essence === 'application/json' || essence.endsWith('+json')) return 'json';
  if (essence === 'application/x-www-form-urlencoded') return 'form';
  return undefined;
}

/**
 * Parses a request body by its content type. Returns `undefined` when there
 * is no body, the body is empty, or the content type is missing or neither
 * JSON nor form data. Throws `PayloadParseError` for a JSON body that is not
 * valid JSON.
 *
 * Both formats are read as UTF-8, which RFC 8259 requires of JSON; a `charset`
 * parameter is ignored. A leading byte order mark is skipped.
 */
export function parsePayload(body: Uint8Array | undefined, contentType: string | undefined): unknown {
  if (body === undefined || body.length === 0 || contentType === undefined) return undefined;
  const kind = payloadKind(contentType);
  if (kind === undefined) return undefined;

  let text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (kind === 'form') return parseForm(text);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PayloadParseError(contentType, error);
  }
}

function parseForm(text: string): FormPayload {
  const form = Object.create(null) as FormPayload;
  for (const [name, value] of parseFormEncoded(text)) {
    const existing = form[name];
    if (existing === undefined) form[name] = value;
    else if (typeof existing === 'string') form[name] = [existing, value];
    else existing.push(value);
  }
  return form;
}

/**
 * Validates a parsed payload with a Standard Schema validator and returns the
 * validator's output. An `undefined` payload (no body, or a content type that
 * is neither JSON nor form data) is returned as `undefined` without calling
 * the validator. Rejects with `PayloadValidationError`, carrying the
 * validator's issues, when validation fails.
 */
export async function validatePayload<Schema extends StandardSchemaV1>(
  payload: unknown,
  schema: Schema,
): Promise<StandardSchemaV1.InferOutput<Schema> | undefined> {
  if (typeof schema?.['~standard']?.validate !== 'function') {
    throw new InvalidOptionError('schema', 'a Standard Schema validator, with a "~standard".validate function', schema);
  }
  if (payload === undefined) return undefined;
  const result = await schema['~standard'].validate(payload);
  if (result.issues) throw new PayloadValidationError(result.issues);
  return result.value as StandardSchemaV1.InferOutput<Schema>;
}
