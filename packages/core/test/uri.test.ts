import { decodeFormComponent, encodeQueryComponent, escapeEncodedQuery, escapePath } from '../src/uri';

describe('escapePath', () => {
  it.each([
    ['plain path', '/orders/7', '/orders/7'],
    ['root', '/', '/'],
    ['sub-delims and colon stay', "/a:b@c!$&'()*+,;=", "/a:b@c!$&'()*+,;="],
    ['valid escape kept', '/a%20b', '/a%20b'],
    ['encoded slash kept', '/files/a%2Fb', '/files/a%2Fb'],
    ['lower-case escape kept', '/a%2fb', '/a%2fb'],
    ['decoded space', '/hello world', '/hello%20world'],
    ['decoded question mark', '/users/me?admin=true', '/users/me%3Fadmin=true'],
    ['decoded hash', '/orders#', '/orders%23'],
    ['bare percent', '/100%', '/100%25'],
    ['percent before non-hex', '/100%zz', '/100%25zz'],
    ['non-ASCII as UTF-8', '/caf\u00e9', '/caf%C3%A9'],
    ['astral character as one code point', '/\u{1F4A9}', '/%F0%9F%92%A9'],
    ['lone surrogate replaced', '/a\ud800b', '/a%EF%BF%BDb'],
    ['control character', '/a\u0001b', '/a%01b'],
    ['quote and angle brackets', '/"<>', '/%22%3C%3E'],
  ])('%s', (_name, input, expected) => {
    expect(escapePath(input)).toBe(expected);
  });

  it('is idempotent on its own output', () => {
    const once = escapePath('/h\u00e9llo world?#%');
    expect(escapePath(once)).toBe(once);
  });
});

describe('escapeEncodedQuery', () => {
  it.each([
    ['encoded query unchanged', 'a=1&b=%20x', 'a=1&b=%20x'],
    ['plus kept', 'name=John+Smith', 'name=John+Smith'],
    ['question mark and slash allowed', 'next=/a?b', 'next=/a?b'],
    ['bare percent escaped', 'p=100%', 'p=100%25'],
    ['raw space escaped', 'q=a b', 'q=a%20b'],
    ['raw hash escaped', 'q=a#b', 'q=a%23b'],
    ['UTF-8 escapes kept', 'city=M%C3%BCnchen', 'city=M%C3%BCnchen'],
    ['empty', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(escapeEncodedQuery(input)).toBe(expected);
  });
});

describe('encodeQueryComponent', () => {
  it.each([
    ['space and ampersand', 'hello world & more', 'hello%20world%20%26%20more'],
    ['plus sign', 'a+b', 'a%2Bb'],
    ['percent sign', '100%', '100%25'],
    ['emoji', '\u{1F4A9}', '%F0%9F%92%A9'],
    ['lone surrogate does not throw', 'a\ud800', 'a%EF%BF%BD'],
  ])('%s', (_name, input, expected) => {
    expect(encodeQueryComponent(input)).toBe(expected);
  });
});

describe('decodeFormComponent', () => {
  it.each([
    ['plus is a space', 'John+Smith', 'John Smith'],
    ['encoded plus is a plus', 'a%2Bb', 'a+b'],
    ['UTF-8 escapes', 'M%C3%BCnchen', 'M\u00fcnchen'],
    ['reserved characters', '%28countryCode%3DUS%29', '(countryCode=US)'],
    ['malformed escape kept', '100%', '100%'],
    ['malformed escape among valid ones', '%C3%BC%zz', '\u00fc%zz'],
    ['plain', 'abc', 'abc'],
  ])('%s', (_name, input, expected) => {
    expect(decodeFormComponent(input)).toBe(expected);
  });
});
