import type { IncomingMessage } from 'node:http';
import { createHandler, type HandlerOptions } from '../src/index';

/**
 * Runs one invocation of `event` through a listener that calls `read` on the
 * request, and returns what `read` returned. A throw from `read` fails the test.
 */
export async function readFromRequest<T>(
  event: unknown,
  read: (req: IncomingMessage) => T,
  options?: HandlerOptions,
  context?: object,
): Promise<T> {
  let value: { result: T } | undefined;
  let failure: unknown;
  const handler = createHandler((req, res) => {
    try {
      value = { result: read(req) };
    } catch (error) {
      failure = error;
    }
    res.end();
  }, options);
  await handler(event, context as never);
  if (failure !== undefined) throw failure;
  if (value === undefined) throw new Error('The listener did not run.');
  return value.result;
}
