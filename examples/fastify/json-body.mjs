// Reads a JSON body into a validated structure with a zod schema.
//
//   node examples/fastify/json-body.mjs
import Fastify from 'fastify';
import { PayloadParseError, PayloadValidationError } from '@lambda-http/core';
import { handle, lambdaExtensions } from '@lambda-http/fastify';
import { z } from 'zod';
import { httpApiEvent, isMain, lambdaContext, printResult } from '../events.mjs';

const Order = z.object({
  customer: z.string().min(1),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
});

const app = Fastify();
app.register(lambdaExtensions);

// Fastify's own JSON parser would reject malformed JSON with a 400 response
// before the route runs, so this parser leaves the body to `request.lambda.payload()`.
app.removeContentTypeParser('application/json');
app.addContentTypeParser('application/json', (_request, _payload, done) => done(null));

app.post('/orders', async (request, reply) => {
  let order;
  try {
    order = await request.lambda.payload(Order);
  } catch (error) {
    if (error instanceof PayloadParseError || error instanceof PayloadValidationError) {
      return reply.code(400).send({ error: error.message });
    }
    throw error;
  }
  if (order === undefined) {
    return reply.code(415).send({ error: 'Send the order as application/json.' });
  }
  const quantity = order.items.reduce((sum, item) => sum + item.quantity, 0);
  return reply.code(201).send({ customer: order.customer, lines: order.items.length, quantity });
});

// The first invocation runs `app.ready()`; later ones reuse the loaded app.
export const handler = handle(app);

if (isMain(import.meta.url)) {
  const post = (body) => httpApiEvent({ method: 'POST', path: '/orders', contentType: 'application/json', body });
  const context = lambdaContext('example-json-body');

  const valid = { customer: 'Ada', items: [{ sku: 'tea', quantity: 2 }, { sku: 'cup', quantity: 1 }] };
  printResult('valid order', await handler(post(JSON.stringify(valid)), context));
  printResult('order without items', await handler(post('{"customer":"Ada","items":[]}'), context));
  printResult('malformed JSON', await handler(post('{"customer":'), context));
}
