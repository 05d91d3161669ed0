/**
 * The Lambda data attached to each Node request, kept in one symbol-keyed
 * slot, and the accessor functions that read it.
 */
import type { Context } from 'aws-lambda';
import type { IncomingMessage } from 'node:http';
import { LambdaHttpError } from './errors.js';
import type { AnyEventSource } from './sources/index.js';
import type { EventRecord } from './sources/shared.js';
import type { EventSourceName } from './sources/types.js';

/**
 * The key of the slot. `Symbol.for`, so that two installed copies of this
 * package read each other's requests.
 */
export const kLambda: unique symbol = Symbol.for('lambda-http.extensions') as never;

/** What one invocation attaches to its request. */
export interface LambdaSlot {
  /** The event exactly as the handler received it; never modified. */
  readonly event: EventRecord;
  /** The Lambda context of the invocation, if the caller passed one. */
  readonly context: Context | undefined;
  readonly source: AnyEventSource;
}

type WithSlot = { [kLambda]?: LambdaSlot };

/** Reads the slot, throwing a clear error for a request that did not come from a Lambda event. */
export function getSlot(req: IncomingMessage): LambdaSlot {
  const slot = (req as WithSlot)[kLambda];
  if (slot === undefined) {
    throw new LambdaHttpError(
      'LHTTP_ERR_MISSING_EXTENSIONS',
      'This request carries no Lambda data: it did not come through a lambda-http handler. ' +
        'In unit tests, attach the data with the `with*` builders first.',
    );
  }
  return slot;
}

/** Returns the Lambda event that produced this request. */
export function getLambdaEvent(req: IncomingMessage): unknown {
  return getSlot(req).event;
}

/** Returns the Lambda context of the invocation that produced this request. */
export function getLambdaContext(req: IncomingMessage): Context | undefined {
  return getSlot(req).context;
}

/** Returns which service sent the event: `apiGatewayV1`, `apiGatewayV2` or `alb`. */
export function getEventSource(req: IncomingMessage): EventSourceName {
  return getSlot(req).source.name;
}

/**
 * Returns the event's own path, before any stage or base-path handling:
 * REST `path`, payload 2.0 `rawPath`, ALB `path`.
 */
export function getRawHttpPath(req: IncomingMessage): string {
  const slot = getSlot(req);
  return slot.source.rawPath(slot.event);
}
