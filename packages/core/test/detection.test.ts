import { createHandler, MalformedEventError, UnsupportedEventError } from '../src/index';
import { detectSource } from '../src/sources/index';
import { albEvent, albMultiValueEvent, httpEvent, restEvent } from './events';

describe('detectSource', () => {
  it.each([
    ['REST event', restEvent, 'apiGatewayV1'],
    ['payload 2.0 event', httpEvent, 'apiGatewayV2'],
    ['ALB event', albEvent, 'alb'],
    ['ALB multi-value event', albMultiValueEvent, 'alb'],
    ['REST event behind a custom domain carrying rawPath', { ...restEvent, rawPath: '/orders/7' }, 'apiGatewayV1'],
    ['REST event claiming version 2.0', { ...restEvent, version: '2.0' }, 'apiGatewayV1'],
    ['payload 2.0 event claiming version 1.0', { ...httpEvent, version: '1.0' }, 'apiGatewayV2'],
    ['payload 2.0 event without version', { ...httpEvent, version: undefined }, 'apiGatewayV2'],
  ])('recognises a %s', (_name, event, expected) => {
    expect(detectSource(event).source.name).toBe(expected);
  });

  it.each([
    ['null', null],
    ['a string', 'GET /'],
    ['an array', [restEvent]],
    ['an empty object', {}],
    ['an SQS event', { Records: [{ eventSource: 'aws:sqs' }] }],
    ['a version field alone', { version: '2.0' }],
    [
      'a WebSocket event with REST fields',
      { ...restEvent, requestContext: { ...restEvent.requestContext, eventType: 'MESSAGE', connectionId: 'abc=' } },
    ],
    ['a WebSocket event without REST fields', { requestContext: { eventType: 'CONNECT', connectionId: 'abc=' } }],
    ['a TOKEN authorizer event', { type: 'TOKEN', authorizationToken: 'x', methodArn: 'arn:aws:execute-api:...' }],
    ['a REST REQUEST authorizer event', { ...restEvent, type: 'REQUEST', methodArn: 'arn:aws:execute-api:...' }],
    ['an HTTP API REQUEST authorizer event', { ...httpEvent, type: 'REQUEST', routeArn: 'arn:aws:execute-api:...' }],
  ])('rejects %s with UnsupportedEventError', (_name, event) => {
    expect(() => detectSource(event)).toThrow(UnsupportedEventError);
  });

  it.each([
    [undefined, 'the event is undefined, not an object'],
    [42, 'the event is number 42, not an object'],
    [[1], 'the event is an array of length 1, not an object'],
  ])('describes a non-object event %p', (event, message) => {
    expect(() => detectSource(event)).toThrow(message);
  });

  it('names the expected sources in the message', () => {
    expect(() => detectSource({})).toThrow(/REST API event.*payload format 2\.0.*Application Load Balancer/s);
  });

  it('gives the error a stable code', () => {
    expect.assertions(1);
    try {
      detectSource(42);
    } catch (error) {
      expect((error as UnsupportedEventError).code).toBe('LHTTP_ERR_UNSUPPORTED_EVENT');
    }
  });
});

describe('createHandler with malformed events', () => {
  const handler = createHandler((_req, res) => res.end('ok'));

  it.each([
    ['headers that are an array', { ...restEvent, headers: ['Host'] }, 'headers'],
    ['headers that are a string', { ...httpEvent, headers: 'host: x' }, 'headers'],
    ['a header value that is a number', { ...httpEvent, headers: { 'content-length': 5 } }, 'headers.content-length'],
    ['multiValueHeaders with a string value', { ...restEvent, multiValueHeaders: { Host: 'x' } }, 'multiValueHeaders.Host'],
    ['a query map that is an array', { ...restEvent, queryStringParameters: ['a'] }, 'queryStringParameters'],
    ['a body that is an object', { ...restEvent, body: { a: 1 } }, 'body'],
    ['isBase64Encoded as a string', { ...restEvent, body: 'aGk=', isBase64Encoded: 'true' }, 'isBase64Encoded'],
    ['a REST event whose path is a number', { ...restEvent, path: 7 }, 'path'],
    ['a payload 2.0 event without rawPath', { ...httpEvent, rawPath: undefined }, 'rawPath'],
    ['a payload 2.0 event whose http is a string', { ...httpEvent, requestContext: { http: 'GET' } }, 'requestContext.http'],
    ['cookies that are a string', { ...httpEvent, cookies: 'a=1' }, 'cookies'],
    ['an ALB event without httpMethod', { ...albEvent, httpMethod: undefined }, 'httpMethod'],
    ['an empty method', { ...restEvent, httpMethod: '' }, 'httpMethod'],
    ['a method with a request line in it', { ...albEvent, httpMethod: 'GET /evil HTTP/1.1\r\n' }, 'httpMethod'],
    ['a payload 2.0 method with a space', { ...httpEvent, requestContext: { ...httpEvent.requestContext, http: { ...httpEvent.requestContext.http, method: 'G T' } } }, 'requestContext.http.method'],
    ['an empty REST path', { ...restEvent, path: '', requestContext: { ...restEvent.requestContext, path: undefined } }, 'path'],
    ['a REST context path without a slash', { ...restEvent, requestContext: { ...restEvent.requestContext, path: 'prod/x' } }, 'requestContext.path'],
    ['a rawPath without a slash', { ...httpEvent, rawPath: 'abc' }, 'rawPath'],
    ['an ALB path without a slash', { ...albEvent, path: 'abc' }, 'path'],
    ['a path parameter that is a number', { ...restEvent, pathParameters: { id: 5 } }, 'pathParameters.id'],
    ['stage variables that are an array', { ...httpEvent, stageVariables: ['x'] }, 'stageVariables'],
    ['a null requestContext.http', { ...httpEvent, requestContext: { http: null } }, 'requestContext.http'],
  ])('rejects %s, naming the field', async (_name, event, field) => {
    const error = await handler(event).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MalformedEventError);
    expect((error as MalformedEventError).field).toBe(field);
    expect((error as MalformedEventError).code).toBe('LHTTP_ERR_MALFORMED_EVENT');
  });

  it.each([
    ['null headers', { ...restEvent, headers: null, multiValueHeaders: null }],
    ['absent headers', { ...httpEvent, headers: undefined }],
    ['null query maps', { ...restEvent, queryStringParameters: null, multiValueQueryStringParameters: null }],
    ['absent requestContext on REST', { ...restEvent, requestContext: undefined }],
    ['null body', { ...albEvent, body: null }],
  ])('treats %s as empty', async (_name, event) => {
    const result = await handler(event);
    expect(result.statusCode).toBe(200);
  });
});
