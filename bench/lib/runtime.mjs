// Emulation of the Lambda Node.js runtime around each invocation: it parses
// the event JSON, builds a context, awaits the handler and serializes the result.

/** Time limit reported by `getRemainingTimeInMillis`, as for a 30 s function timeout. */
const FUNCTION_TIMEOUT_MS = 30_000;

let invocationCount = 0;

/** Builds the context object that the runtime passes with each event. */
export function createContext() {
  invocationCount += 1;
  const deadline = Date.now() + FUNCTION_TIMEOUT_MS;

  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'lambda-http-bench',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:lambda-http-bench',
    memoryLimitInMB: '1024',
    awsRequestId: `00000000-0000-4000-8000-${String(invocationCount).padStart(12, '0')}`,
    logGroupName: '/aws/lambda/lambda-http-bench',
    logStreamName: '2025/03/12/[$LATEST]0123456789abcdef0123456789abcdef',
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}

/**
 * Runs one invocation the way the runtime does and returns the serialized
 * result. The caller yields to the event loop between invocations.
 */
export async function invoke(handler, eventText) {
  const event = JSON.parse(eventText);
  const result = await handler(event, createContext());
  return JSON.stringify(result);
}

/** Resolves after pending I/O callbacks run, as between two runtime invocations. */
export function yieldToEventLoop() {
  return new Promise(setImmediate);
}
