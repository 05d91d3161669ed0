/**
 * Runs every conformance case through every framework adapter with the echo
 * app, and checks the Lambda result against the case's expectations.
 */
import { ADAPTERS, type LambdaHandler } from './support/adapters';
import { loadConformanceCases, type LoadedCase } from './support/cases';
import { checkConformance, formatFailures } from './support/conformance';
import { withEnvironment } from './support/environment';
import { createLambdaContext } from './support/lambda-context';

const cases = loadConformanceCases();

/**
 * Every variable that some case sets. A case runs with the others removed, so
 * that a value left in the developer's shell cannot change its outcome.
 */
const caseVariableNames = [...new Set(cases.flatMap((testCase) => Object.keys(testCase.env ?? {})))];

function environmentFor(testCase: LoadedCase): Record<string, string | undefined> {
  const environment: Record<string, string | undefined> = {};
  for (const name of caseVariableNames) environment[name] = undefined;
  return { ...environment, ...testCase.env };
}

/** Invokes the handler as the Lambda runtime does, and returns the result as the runtime would send it. */
async function invokeAsRuntime(handler: LambdaHandler, event: unknown): Promise<unknown> {
  const result = await handler(event, createLambdaContext());
  return JSON.parse(JSON.stringify(result)) as unknown;
}

describe.each(ADAPTERS)('$name adapter', (adapter) => {
  if (adapter.skipReason !== undefined) {
    describe.skip(`skipped because ${adapter.skipReason}`, () => {
      test.each(cases.map((testCase) => testCase.id))('%s', () => {});
    });
    return;
  }

  // Cases without `env` share one handler, as warm invocations of one Lambda
  // instance do. Cases with `env` get a fresh app and handler, because an
  // adapter may read its environment only when the handler is built.
  let sharedHandler: LambdaHandler | undefined;
  const getSharedHandler = (): LambdaHandler => {
    sharedHandler ??= adapter.makeHandler();
    return sharedHandler;
  };

  test.each(cases.map((testCase) => [testCase.id, testCase] as const))('%s', async (_id, testCase) => {
    const event = structuredClone(testCase.event);

    const result = await withEnvironment(environmentFor(testCase), () => {
      const handler = testCase.env === undefined ? getSharedHandler() : adapter.makeHandler();
      return invokeAsRuntime(handler, event);
    });

    expect(formatFailures(checkConformance(testCase, result))).toBe('');
    expect(event).toEqual(testCase.event);
  });
});
