// Reads a JSON body into a validated structure with a zod schema.
//
//   node examples/express/json-body.mjs
import express from 'express';
import { PayloadParseError, PayloadValidationError } from '@lambda-http/core';
import { handle } from '@lambda-http/express';
import { z } from 'zod';
import { httpApiEvent, isMain, lambdaContext, printResult } from '../events.mjs';

const Order = z.object({
  customer: z.string().min(1),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
});

const app = express();

app.post('/orders', async (req, res) => {
  let order;
  try {
    // The payload comes from the event's body; no body parser middleware is needed.
    order = await req.lambda.payload(Order);
  } catch (error) {
    if (error instanceof PayloadParseError || error instanceof PayloadValidationError) {
      res.status(400).json({ error: error.message });
      return;
    }
    throw error;
  }
  if (order === undefined) {
    res.status(415).json({ error: 'Send the order as application/json.' });
    return;
  }
  const quantity = order.items.reduce((sum, item) => sum + item.quantity, 0);
  res.status(201).json({ customer: order.customer, lines: order.items.length, quantity });
});

export const handler = handle(app);

if (isMain(import.meta.url)) {
  const post = (body) => httpApiEvent({ method: 'POST', path: '/orders', contentType: 'application/json', body });
  const context = lambdaContext('example-json-body');

  const valid = { customer: 'Ada', items: [{ sku: 'tea', quantity: 2 }, { sku: 'cup', quantity: 1 }] };
  printResult('valid order', await handler(post(JSON.stringify(valid)), context));
  printResult('order without items', await handler(post('{"customer":"Ada","items":[]}'), context));
  printResult('malformed JSON', await handler(post('{"customer":'), context));
}
