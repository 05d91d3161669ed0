/**
 * The path the app sees for one client request through every event source
 * and stage setting, one test per row of the path table in the README.
 */
import { createHandler, type HandlerOptions } from '../src/index';

const IGNORE_STAGE_ENV = 'AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH';

function restEvent(path: string, contextPath: string, stage: string, domainName: string) {
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: 'GET',
    headers: { Host: domainName },
    multiValueHeaders: { Host: [domainName] },
    queryStringParameters: { page: '2' },
    multiValueQueryStringParameters: { page: ['2'] },
    pathParameters: { proxy: path.slice(1) },
    stageVariables: null,
    requestContext: { path: contextPath, stage, domainName, resourcePath: '/{proxy+}', identity: { sourceIp: '192.0.2.1' } },
    body: null,
    isBase64Encoded: false,
  };
}

function httpEvent(rawPath: string, stage: string, domainName: string) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: 'page=2',
    headers: { host: domainName },
    requestContext: {
      domainName,
      http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      stage,
    },
    isBase64Encoded: false,
  };
}

function albEvent(path: string) {
  return {
    requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/1' } },
    httpMethod: 'GET',
    path,
    queryStringParameters: { page: '2' },
    headers: { host: 'lb.example.com', 'x-forwarded-proto': 'https' },
    body: '',
    isBase64Encoded: false,
  };
}

interface Row {
  source: string;
  /** What the client requested, for the table. */
  clientUrl: string;
  event: unknown;
  /** The path the app sees: by default, with the stage ignored, and with the stage ignored and basePath `/api`. */
  expected: [defaults: string, ignoreStage: string, ignoreStageAndBasePath: string];
}

// The client asks for the app's resource `/api/orders/7?page=2`; an
// execute-api URL puts a named stage in front of it.
const rows: Row[] = [
  {
    source: 'REST API on its execute-api URL, stage prod',
    clientUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/api/orders/7',
    event: restEvent('/api/orders/7', '/prod/api/orders/7', 'prod', 'abc123.execute-api.us-east-1.amazonaws.com'),
    expected: ['/prod/api/orders/7', '/api/orders/7', '/orders/7'],
  },
  {
    source: 'REST API on a custom domain, base path mapping api to stage prod',
    clientUrl: 'https://api.example.com/api/orders/7',
    event: restEvent('/api/orders/7', '/api/orders/7', 'prod', 'api.example.com'),
    expected: ['/api/orders/7', '/api/orders/7', '/orders/7'],
  },
  {
    source: 'HTTP API, named stage prod',
    clientUrl: 'https://xyz789.execute-api.us-east-1.amazonaws.com/prod/api/orders/7',
    event: httpEvent('/prod/api/orders/7', 'prod', 'xyz789.execute-api.us-east-1.amazonaws.com'),
    expected: ['/prod/api/orders/7', '/api/orders/7', '/orders/7'],
  },
  {
    source: 'HTTP API, $default stage',
    clientUrl: 'https://xyz789.execute-api.us-east-1.amazonaws.com/api/orders/7',
    event: httpEvent('/api/orders/7', '$default', 'xyz789.execute-api.us-east-1.amazonaws.com'),
    expected: ['/api/orders/7', '/api/orders/7', '/orders/7'],
  },
  {
    source: 'Function URL',
    clientUrl: 'https://abcdefgh.lambda-url.us-east-1.on.aws/api/orders/7',
    event: httpEvent('/api/orders/7', '$default', 'abcdefgh.lambda-url.us-east-1.on.aws'),
    expected: ['/api/orders/7', '/api/orders/7', '/orders/7'],
  },
  {
    source: 'Application Load Balancer',
    clientUrl: 'https://lb.example.com/api/orders/7',
    event: albEvent('/api/orders/7'),
    expected: ['/api/orders/7', '/api/orders/7', '/orders/7'],
  },
];

/** Returns `req.url` as the app saw it, with the variable unset unless `env` sets it. */
async function seenUrl(event: unknown, options: HandlerOptions = {}, env?: string): Promise<string | undefined> {
  const previous = process.env[IGNORE_STAGE_ENV];
  if (env === undefined) delete process.env[IGNORE_STAGE_ENV];
  else process.env[IGNORE_STAGE_ENV] = env;
  try {
    let url: string | undefined;
    const handler = createHandler((req, res) => {
      url = req.url;
      res.end();
    }, options);
    await handler(event);
    return url;
  } finally {
    if (previous === undefined) delete process.env[IGNORE_STAGE_ENV];
    else process.env[IGNORE_STAGE_ENV] = previous;
  }
}

describe.each(rows)('$source', ({ event, expected }) => {
  const [defaults, ignoreStage, ignoreStageAndBasePath] = expected;

  it('keeps the path by default', async () => {
    expect(await seenUrl(event)).toBe(`${defaults}?page=2`);
  });

  it('strips the stage with ignoreStageInPath', async () => {
    expect(await seenUrl(event, { ignoreStageInPath: true })).toBe(`${ignoreStage}?page=2`);
  });

  it('strips the stage with the environment variable', async () => {
    expect(await seenUrl(event, {}, 'true')).toBe(`${ignoreStage}?page=2`);
  });

  it('strips the stage, then the base path', async () => {
    expect(await seenUrl(event, { ignoreStageInPath: true, basePath: '/api' })).toBe(`${ignoreStageAndBasePath}?page=2`);
  });

  it('lets the option override the environment variable', async () => {
    expect(await seenUrl(event, { ignoreStageInPath: false }, 'true')).toBe(`${defaults}?page=2`);
  });
});

describe('base path', () => {
  it('strips whole segments only', async () => {
    const options = { ignoreStageInPath: true, basePath: '/api' };
    expect(await seenUrl(httpEvent('/prod/apix/orders', 'prod', 'h'), options)).toBe('/apix/orders?page=2');
    expect(await seenUrl(albEvent('/apix/orders'), options)).toBe('/apix/orders?page=2');
    expect(await seenUrl(restEvent('/apix', '/apix', 'prod', 'h'), options)).toBe('/apix?page=2');
  });

  it('leaves / when the path is the base path', async () => {
    const options = { ignoreStageInPath: true, basePath: '/api' };
    expect(await seenUrl(httpEvent('/prod/api', 'prod', 'h'), options)).toBe('/?page=2');
    expect(await seenUrl(albEvent('/api'), options)).toBe('/?page=2');
  });

  it('strips several segments', async () => {
    const options = { basePath: '/api/v1/' };
    expect(await seenUrl(albEvent('/api/v1/orders'), options)).toBe('/orders?page=2');
    expect(await seenUrl(albEvent('/api/v10/orders'), options)).toBe('/api/v10/orders?page=2');
  });

  it('matches only after the stage is removed', async () => {
    // With the stage kept, the path starts with the stage, so `/api` does not match.
    const event = httpEvent('/prod/api/orders/7', 'prod', 'h');
    expect(await seenUrl(event, { basePath: '/api' })).toBe('/prod/api/orders/7?page=2');
    expect(await seenUrl(event, { ignoreStageInPath: true, basePath: '/api' })).toBe('/orders/7?page=2');
  });

  it('applies without ignoring the stage where the path has no stage', async () => {
    const customDomain = restEvent('/api/orders/7', '/api/orders/7', 'prod', 'api.example.com');
    expect(await seenUrl(customDomain, { basePath: '/api' })).toBe('/orders/7?page=2');
    expect(await seenUrl(httpEvent('/api/orders/7', '$default', 'h'), { basePath: '/api' })).toBe('/orders/7?page=2');
  });

  it('removes a stage that has the same name as the base path once each', async () => {
    const event = httpEvent('/api/api/orders', 'api', 'h');
    expect(await seenUrl(event, { ignoreStageInPath: true })).toBe('/api/orders?page=2');
    expect(await seenUrl(event, { ignoreStageInPath: true, basePath: '/api' })).toBe('/orders?page=2');
  });
});

describe('REST events without requestContext.path', () => {
  it('put the stage in front of path', async () => {
    const event = restEvent('/orders/7', '', 'prod', 'h') as { requestContext: Record<string, unknown> };
    delete event.requestContext['path'];
    expect(await seenUrl(event)).toBe('/prod/orders/7?page=2');
    expect(await seenUrl(event, { ignoreStageInPath: true })).toBe('/orders/7?page=2');
  });
});

