import { decodeBase64Body, isBinaryResponse } from '../src/body';
import { InvalidBase64BodyError } from '../src/errors';

const utf8 = Buffer.from('h\u00e9llo');
const invalidUtf8 = Buffer.from([0xff, 0xfe, 0x00]);

describe('isBinaryResponse', () => {
  it.each<[string, string | undefined, string | undefined, Buffer, boolean]>([
    ['text/plain', 'text/plain', undefined, utf8, false],
    ['text/html with utf-8 charset', 'text/html; charset=utf-8', undefined, utf8, false],
    ['charset in upper case and quotes', 'text/html; charset="UTF-8"', undefined, utf8, false],
    ['us-ascii charset', 'text/plain; charset=us-ascii', undefined, Buffer.from('abc'), false],
    ['latin1 charset is binary', 'text/plain; charset=iso-8859-1', undefined, utf8, true],
    ['utf-16 charset is binary', 'application/json; charset=utf-16', undefined, utf8, true],
    ['application/json', 'application/json', undefined, utf8, false],
    ['application/javascript', 'application/javascript', undefined, utf8, false],
    ['application/xml', 'application/xml', undefined, utf8, false],
    ['application/yaml', 'application/yaml', undefined, utf8, false],
    ['+json suffix', 'application/problem+json', undefined, utf8, false],
    ['+xml suffix', 'image/svg+xml', undefined, utf8, false],
    ['+yaml suffix', 'application/vnd.api+yaml', undefined, utf8, false],
    ['image/png', 'image/png', undefined, utf8, true],
    ['application/octet-stream', 'application/octet-stream', undefined, utf8, true],
    ['application/pdf', 'application/pdf', undefined, utf8, true],
    ['gzip encoding on text', 'text/plain', 'gzip', utf8, true],
    ['br encoding on JSON', 'application/json', 'br', utf8, true],
    ['identity encoding', 'text/plain', 'identity', utf8, false],
    ['no content type, valid UTF-8', undefined, undefined, utf8, false],
    ['no content type, invalid UTF-8', undefined, undefined, invalidUtf8, true],
    ['text type with invalid UTF-8 bytes', 'text/plain', undefined, invalidUtf8, true],
    ['upper-case type', 'TEXT/PLAIN', undefined, utf8, false],
  ])('%s', (_name, contentType, contentEncoding, body, expected) => {
    expect(isBinaryResponse({ contentType, contentEncoding, body })).toBe(expected);
  });
});

describe('decodeBase64Body', () => {
  it.each([
    ['padded', 'aGk=', 'hi'],
    ['two padding characters', 'aA==', 'h'],
    ['unpadded', 'aGk', 'hi'],
    ['empty', '', ''],
    ['plus and slash', '+/+/', Buffer.from('+/+/', 'base64').toString('latin1')],
  ])('decodes %s', (_name, input, expected) => {
    expect(decodeBase64Body(input).toString('latin1')).toBe(expected);
  });

  it.each([
    ['plain text with spaces', 'Hello from Lambda!'],
    ['one character too many', 'aGk=a'],
    ['padding in the middle', 'aG=k'],
    ['base64url alphabet', 'aGk-_w'],
    ['padding on a short group', 'aGk=='],
  ])('rejects %s', (_name, input) => {
    expect(() => decodeBase64Body(input)).toThrow(InvalidBase64BodyError);
  });
});
