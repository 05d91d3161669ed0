/** A Lambda context object for invoking handlers outside the Lambda runtime. */
import type { Context } from 'aws-lambda';

/** Remaining time that `getRemainingTimeInMillis()` reports, in milliseconds. */
export const REMAINING_TIME_MS = 30_000;

/**
 * Creates a context with the fields the Node.js runtime sets. The legacy
 * callbacks `done`, `fail` and `succeed` throw, because an adapter that
 * returns a promise must not call them.
 */
export function createLambdaContext(overrides: Partial<Context> = {}): Context {
  const rejectLegacyCallback = (name: string) => (): never => {
    throw new Error(`The handler called context.${name}(); promise-based handlers must not.`);
  };

  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'lambda-http-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:lambda-http-test',
    memoryLimitInMB: '512',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    logGroupName: '/aws/lambda/lambda-http-test',
    logStreamName: '2026/01/15/[$LATEST]0123456789abcdef0123456789abcdef',
    getRemainingTimeInMillis: () => REMAINING_TIME_MS,
    done: rejectLegacyCallback('done'),
    fail: rejectLegacyCallback('fail'),
    succeed: rejectLegacyCallback('succeed'),
    ...overrides,
  };
}
