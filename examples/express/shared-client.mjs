// Creates a client once, outside the handler, and reuses it in every
// invocation, as a database or HTTP client should be: Lambda keeps the module
// loaded between invocations of a warm instance.
//
//   node examples/express/shared-client.mjs
import express from 'express';
import { handle } from '@lambda-http/express';
import { httpApiEvent, isMain, lambdaContext, printResult } from '../events.mjs';

/** A stand-in for an SDK client: costly to create, cheap to call. */
class PriceClient {
  static created = 0;

  constructor() {
    PriceClient.created += 1;
    this.calls = 0;
  }

  priceOf(sku) {
    this.calls += 1;
    return { sku, cents: sku.length * 100 };
  }
}

// Created once per Lambda instance, when the module loads.
const prices = new PriceClient();

const app = express();

app.get('/prices/:sku', (req, res) => {
  res.json({
    ...prices.priceOf(req.params.sku),
    clientsCreated: PriceClient.created,
    callsOnThisClient: prices.calls,
    awsRequestId: req.lambda.lambdaContext()?.awsRequestId,
  });
});

export const handler = handle(app);

if (isMain(import.meta.url)) {
  printResult('first invocation', await handler(httpApiEvent({ path: '/prices/tea' }), lambdaContext('invocation-1')));
  printResult('second invocation', await handler(httpApiEvent({ path: '/prices/cups' }), lambdaContext('invocation-2')));
}
