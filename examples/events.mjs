// Sample HTTP API (payload format 2.0) events and a Lambda context, so that
// every example can invoke its handler on this machine and print the result.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the event that API Gateway sends for one HTTP API request on the
 * `$default` stage. `query` is the raw query string, as the client sent it.
 */
export function httpApiEvent({ method = 'GET', path = '/', query = '', contentType, body, requestId = 'example-request' } = {}) {
  const headers = { host: 'abc123.execute-api.eu-west-1.amazonaws.com', 'user-agent': 'curl/8.5.0' };
  if (contentType !== undefined) headers['content-type'] = contentType;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'curl/8.5.0' },
      requestId,
      routeKey: '$default',
      stage: '$default',
      time: '15/Jan/2026:12:34:56 +0000',
      timeEpoch: 1768480496000,
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
}

/** Creates a Lambda context with the fields that the examples read. */
export function lambdaContext(awsRequestId) {
  return {
    awsRequestId,
    functionName: 'lambda-http-example',
    getRemainingTimeInMillis: () => 30_000,
  };
}

/** Prints a result's status and its body, parsed when it is JSON. */
export function printResult(title, result) {
  let body = result.body;
  try {
    body = JSON.parse(body);
  } catch {
    // A body that is not JSON is printed as it is.
  }
  console.log(`== ${title}`);
  console.log(`status ${result.statusCode}:`, JSON.stringify(body));
}

/** Tells whether the module at `moduleUrl` is the script that `node` was started with. */
export function isMain(moduleUrl) {
  return process.argv[1] !== undefined && fileURLToPath(moduleUrl) === resolve(process.argv[1]);
}
