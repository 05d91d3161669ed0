/**
 * Small base events for unit tests, shaped like the AWS documentation's
 * examples. Tests spread them with overrides; the corpus tests under `test/`
 * cover the published real events.
 */
export const restEvent = {
  resource: '/{proxy+}',
  path: '/orders/7',
  httpMethod: 'GET',
  headers: { Host: 'abc123.execute-api.us-east-1.amazonaws.com', 'X-Forwarded-Proto': 'https' },
  multiValueHeaders: {
    Host: ['abc123.execute-api.us-east-1.amazonaws.com'],
    'X-Forwarded-Proto': ['https'],
  },
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: { proxy: 'orders/7' },
  stageVariables: null,
  requestContext: {
    resourcePath: '/{proxy+}',
    httpMethod: 'GET',
    path: '/prod/orders/7',
    stage: 'prod',
    domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
    requestId: 'rest-request',
    identity: { sourceIp: '203.0.113.7' },
  },
  body: null,
  isBase64Encoded: false,
};

export const httpEvent = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/orders/7',
  rawQueryString: '',
  headers: { host: 'xyz789.execute-api.us-east-1.amazonaws.com', 'x-forwarded-proto': 'https' },
  requestContext: {
    domainName: 'xyz789.execute-api.us-east-1.amazonaws.com',
    http: { method: 'GET', path: '/orders/7', protocol: 'HTTP/1.1', sourceIp: '198.51.100.4', userAgent: 'curl' },
    requestId: 'http-request',
    routeKey: '$default',
    stage: '$default',
  },
  isBase64Encoded: false,
};

export const albEvent = {
  requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/1' } },
  httpMethod: 'GET',
  path: '/orders/7',
  queryStringParameters: {},
  headers: {
    host: 'my-alb-1.us-east-1.elb.amazonaws.com',
    'x-forwarded-for': '192.0.2.1, 203.0.113.9',
    'x-forwarded-proto': 'https',
  },
  body: '',
  isBase64Encoded: false,
};

export const albMultiValueEvent = {
  requestContext: albEvent.requestContext,
  httpMethod: 'GET',
  path: '/orders/7',
  multiValueQueryStringParameters: {},
  multiValueHeaders: {
    host: ['my-alb-1.us-east-1.elb.amazonaws.com'],
    'x-forwarded-for': ['192.0.2.1, 203.0.113.9'],
    'x-forwarded-proto': ['https'],
  },
  body: '',
  isBase64Encoded: false,
};
