// Reads a JSON body into a validated structure with a zod schema.
//
//   node examples/koa/json-body.mjs
import Koa from 'koa';
import { PayloadParseError, PayloadValidationError } from '@lambda-http/core';
import { handle } from '@lambda-http/koa';
import { z } from 'zod';
import { httpApiEvent, isMain, lambdaContext, printResult } from '../events.mjs';

const Order = z.object({
  customer: z.string().min(1),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
});

const app = new Koa();

app.use(async (ctx) => {
  if (ctx.method !== 'POST' || ctx.path !== '/orders') {
    ctx.status = 404;
    return;
  }
  let order;
  try {
    // The payload comes from the event's body; no body parser middleware is needed.
    order = await ctx.lambda.payload(Order);
  } catch (error) {
    if (error instanceof PayloadParseError || error instanceof PayloadValidationError) {
      ctx.status = 400;
      ctx.body = { error: error.message };
      return;
    }
    throw error;
  }
  if (order === undefined) {
    ctx.status = 415;
    ctx.body = { error: 'Send the order as application/json.' };
    return;
  }
  const quantity = order.items.reduce((sum, item) => sum + item.quantity, 0);
  ctx.status = 201;
  ctx.body = { customer: order.customer, lines: order.items.length, quantity };
});

// `handle` takes `app.callback()` once, so every middleware is added above.
export const handler = handle(app);

if (isMain(import.meta.url)) {
  const post = (body) => httpApiEvent({ method: 'POST', path: '/orders', contentType: 'application/json', body });
  const context = lambdaContext('example-json-body');

  const valid = { customer: 'Ada', items: [{ sku: 'tea', quantity: 2 }, { sku: 'cup', quantity: 1 }] };
  printResult('valid order', await handler(post(JSON.stringify(valid)), context));
  printResult('order without items', await handler(post('{"customer":"Ada","items":[]}'), context));
  printResult('malformed JSON', await handler(post('{"customer":'), context));
}
