// Sends real Lambda events from the project's test corpus through the example
// Express app, and prints the request line the app saw and the Lambda result.
//
//   npx pnpm@10.34.9 demo
import { readFileSync } from 'node:fs';
import { handle } from '@lambda-http/express';
import { app } from './app.mjs';

const corpus = new URL('../../test/fixtures/events/', import.meta.url);

const events = [
  ['API Gateway REST API (payload 1.0)', 'sam-cli/event.json'],
  ['API Gateway HTTP API (payload 2.0)', 'powertools-ts/snippets/exampleAPIGatewayProxyEventV2.json'],
  ['Lambda Function URL', 'aws-lambda-go/lambda-urls-request.json'],
  ['ALB, single-value headers', 'rust-runtime/alb_request.json'],
  ['ALB, multi-value headers', 'serverless-express/alb/alb-event.json'],
];

// Built once, as a Lambda function does at cold start.
const handler = handle(app);

const context = {
  functionName: 'lambda-http-demo',
  awsRequestId: 'demo-request',
  getRemainingTimeInMillis: () => 30_000,
};

for (const [title, file] of events) {
  const event = JSON.parse(readFileSync(new URL(file, corpus), 'utf8'));
  const result = await handler(event, context);
  const headers = result.multiValueHeaders ?? result.headers ?? {};
  const requestLine = [headers['x-request-line']].flat()[0];
  console.log(`== ${title}: ${file}`);
  console.log(`app saw: ${requestLine}`);
  console.log(`result:  ${JSON.stringify(result, null, 2).replaceAll('\n', '\n         ')}`);
  console.log();
}
