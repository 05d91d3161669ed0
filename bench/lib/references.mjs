// Reference handlers that bound the adapter numbers from above: they do less
// work than any adapter serving a real app.

/** Node request listener that sends 200 with an empty body and reads nothing of the request. */
function noOpListener(request, response) {
  response.end();
}

/** Maps any of the three event shapes to light-my-request inject options. */
function toInjectOptions(event) {
  const method = event.requestContext?.http?.method ?? event.httpMethod;
  const path = event.rawPath ?? event.path;
  const query = event.rawQueryString ?? new URLSearchParams(event.queryStringParameters ?? {}).toString();
  const payload = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : undefined;

  return { method, url: query ? `${path}?${query}` : path, headers: event.headers, payload };
}

/**
 * @typedef {object} Reference
 * @property {string} id  Identifier used on the command line and in messages.
 * @property {string} label  Name shown in the report.
 * @property {string[]} modules  Modules that must load for the row to run.
 * @property {() => Promise<Function>} createHandler  Returns the Lambda handler.
 */

/** @type {Reference[]} */
export const REFERENCES = [
  {
    id: 'constant',
    label: 'constant result (runtime loop only)',
    modules: [],
    async createHandler() {
      const result = { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' };
      return async () => result;
    },
  },
  {
    id: 'light-my-request',
    label: 'light-my-request inject, no-op listener',
    modules: ['light-my-request'],
    async createHandler() {
      const { default: inject } = await import('light-my-request');
      return async (event) => {
        const response = await inject(noOpListener, toInjectOptions(event));
        return {
          statusCode: response.statusCode,
          headers: response.headers,
          body: response.payload,
          isBase64Encoded: false,
        };
      };
    },
  },
  {
    id: 'core-no-op',
    label: 'lambda-http core createHandler, no-op listener',
    modules: ['@lambda-http/core'],
    async createHandler() {
      const { createHandler } = await import('@lambda-http/core');
      return createHandler(noOpListener);
    },
  },
];

/** Status code that every reference handler returns. It is the only part of their results that is checked. */
export const REFERENCE_STATUS_CODE = 200;

/** Returns mismatch messages for a reference handler's result; empty when correct. */
export function checkReferenceResult(result) {
  if (result?.statusCode !== REFERENCE_STATUS_CODE) {
    return [`statusCode is ${result?.statusCode}, expected ${REFERENCE_STATUS_CODE}`];
  }
  return [];
}

export function findReference(referenceId) {
  const reference = REFERENCES.find((candidate) => candidate.id === referenceId);
  if (!reference) {
    throw new Error(`Unknown reference "${referenceId}": expected one of ${REFERENCES.map((r) => r.id).join(', ')}`);
  }
  return reference;
}
