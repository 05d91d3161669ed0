/**
 * Source detection: which service sent an event, decided from the event's
 * structure, never from its `version` field alone.
 */
import { describeValue, UnsupportedEventError } from '../errors.js';
import { albSource } from './alb.js';
import { httpSource } from './http.js';
import { restSource } from './rest.js';
import { isRecord, type EventRecord } from './shared.js';
import type { EventSource } from './types.js';

/** Any of the source modules, with its event and result types erased. */
export type AnyEventSource = EventSource<EventRecord, object>;

/**
 * Picks the source module for an event. The order matters:
 * 1. ALB first: `requestContext.elb` is unique to it, and an ALB event also
 *    has the `httpMethod` and `path` of a REST event.
 * 2. WebSocket events next: some carry REST fields (`httpMethod`, `path`)
 *    beside `eventType` and `connectionId`, so they would pass as REST.
 * 3. Authorizer events: REQUEST authorizers of HTTP APIs carry
 *    `requestContext.http` and those of REST APIs carry `httpMethod`, so they
 *    must be ruled out before either shape is tried.
 * 4. Payload 2.0 (HTTP API and Function URL) by `requestContext.http`: a REST
 *    event behind a custom domain may also carry `rawPath`, so that is no sign.
 * 5. REST (payload 1.0) by `httpMethod` and `path`.
 */
export function detectSource(event: unknown): { source: AnyEventSource; event: EventRecord } {
  if (!isRecord(event)) {
    throw new UnsupportedEventError(`the event is ${describeValue(event)}, not an object`);
  }
  const context = event['requestContext'];
  const requestContext = isRecord(context) ? context : undefined;

  if (requestContext !== undefined && requestContext['elb'] !== undefined) {
    return { source: albSource as AnyEventSource, event };
  }
  if (requestContext !== undefined && (requestContext['eventType'] !== undefined || requestContext['connectionId'] !== undefined)) {
    throw new UnsupportedEventError('API Gateway WebSocket events are not HTTP requests');
  }
  if (event['methodArn'] !== undefined || event['routeArn'] !== undefined || event['type'] === 'TOKEN' || event['type'] === 'REQUEST') {
    throw new UnsupportedEventError('API Gateway authorizer events are not HTTP requests');
  }
  if (requestContext !== undefined && requestContext['http'] !== undefined) {
    return { source: httpSource as AnyEventSource, event };
  }
  if (event['httpMethod'] !== undefined && event['path'] !== undefined) {
    return { source: restSource as AnyEventSource, event };
  }
  throw new UnsupportedEventError('no known event source matches its fields');
}
