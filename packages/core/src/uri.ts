/**
 * The one place that decides how paths and query strings are encoded on their
 * way into the request target (`req.url`).
 *
 * Event sources disagree on encoding. HTTP APIs deliver `rawPath` already
 * percent-decoded, while REST APIs, Function URLs and ALB deliver the path as
 * the client sent it. REST APIs decode query values, ALB does not. The
 * functions here escape exactly what a request target cannot carry, so a
 * decoded value becomes valid and an encoded one passes through unchanged.
 */

// RFC 3986 section 3.3: pchar = unreserved / pct-encoded / sub-delims / ":" / "@",
// and "/" separates segments. Any other byte must be percent-encoded in a path.
const PATH_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;
// RFC 3986 section 3.4: the query also allows "/" and "?".
const QUERY_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*$/;
const PERCENT_TRIPLET = /^%[0-9A-Fa-f]{2}/;

function isPathChar(code: number, allowQuestionMark: boolean): boolean {
  if (code >= 0x61 && code <= 0x7a) return true; // a-z
  if (code >= 0x41 && code <= 0x5a) return true; // A-Z
  if (code >= 0x30 && code <= 0x39) return true; // 0-9
  switch (code) {
    case 0x2d: // -
    case 0x2e: // .
    case 0x5f: // _
    case 0x7e: // ~
    case 0x21: // !
    case 0x24: // $
    case 0x26: // &
    case 0x27: // '
    case 0x28: // (
    case 0x29: // )
    case 0x2a: // *
    case 0x2b: // +
    case 0x2c: // ,
    case 0x3b: // ;
    case 0x3d: // =
    case 0x3a: // :
    case 0x40: // @
    case 0x2f: // /
      return true;
    case 0x3f: // ?
      return allowQuestionMark;
    default:
      return false;
  }
}

function escapeSlow(value: string, allowQuestionMark: boolean): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    const code = value.charCodeAt(i);
    if (code === 0x25 /* % */ && PERCENT_TRIPLET.test(value.slice(i, i + 3))) {
      out += value.slice(i, i + 3);
      i += 3;
      continue;
    }
    if (isPathChar(code, allowQuestionMark)) {
      out += value[i];
      i += 1;
      continue;
    }
    // Encode one whole code point, so a surrogate pair becomes its UTF-8 bytes.
    const codePoint = value.codePointAt(i) ?? code;
    const char = String.fromCodePoint(codePoint);
    out += isLoneSurrogate(codePoint) ? '%EF%BF%BD' : encodeURIComponent(char);
    i += char.length;
  }
  return out;
}

function isLoneSurrogate(codePoint: number): boolean {
  return codePoint >= 0xd800 && codePoint <= 0xdfff;
}

/**
 * Escapes a path for use in a request target. Valid `%XX` escapes are kept,
 * so an already encoded path comes out unchanged; a space, `?`, `#`, a `%`
 * that starts no escape, control characters and non-ASCII characters are
 * percent-encoded as UTF-8.
 *
 * NOTE: a decoded path that contains a literal `%` followed by two hex digits
 * cannot be told apart from an encoded one, so it is kept as an escape.
 */
export function escapePath(path: string): string {
  if (PATH_SAFE.test(path)) return path;
  return escapeSlow(path, false);
}

/**
 * Escapes a query string that is already percent-encoded (payload 2.0
 * `rawQueryString`, ALB values) without encoding it a second time: only
 * characters that a query cannot carry are encoded.
 */
export function escapeEncodedQuery(query: string): string {
  if (QUERY_SAFE.test(query)) return query;
  return escapeSlow(query, true);
}

/**
 * Encodes a decoded query key or value (REST API events) exactly once.
 * Unlike `encodeURIComponent`, a lone surrogate is replaced instead of
 * throwing, so a bad value cannot crash the handler.
 */
export function encodeQueryComponent(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.toWellFormed());
  }
}

/** Appends `key=value` pairs, already encoded, to a query string. */
export function appendQueryPair(query: string, key: string, value: string): string {
  return query === '' ? `${key}=${value}` : `${query}&${key}=${value}`;
}

/**
 * Decodes one `application/x-www-form-urlencoded` component: `+` is a space
 * and `%XX` escapes are UTF-8 bytes. A malformed escape is kept as written
 * instead of throwing, as browsers and `URLSearchParams` do.
 */
export function decodeFormComponent(value: string): string {
  const spaced = value.includes('+') ? value.replaceAll('+', ' ') : value;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return new URLSearchParams(`x=${spaced.replaceAll('&', '%26').replaceAll('#', '%23')}`).get('x') ?? spaced;
  }
}
