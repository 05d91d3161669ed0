// Reads query string parameters: the first value of a name, or all of them.
//
//   node examples/fastify/query-parameters.mjs
import Fastify from 'fastify';
import { handle, lambdaExtensions } from '@lambda-http/fastify';
import { httpApiEvent, isMain, lambdaContext, printResult } from '../events.mjs';

const app = Fastify();
app.register(lambdaExtensions);

app.get('/search', async (request, reply) => {
  const query = request.lambda.queryStringParameters();
  const term = query.first('q');
  if (term === undefined) {
    return reply.code(400).send({ error: 'Missing query parameter "q".' });
  }
  return { term, tags: query.all('tag'), page: Number(query.first('page') ?? '1') };
});

export const handler = handle(app);

if (isMain(import.meta.url)) {
  const context = lambdaContext('example-query-parameters');
  // `%2C` is an encoded comma: it stays inside its value instead of splitting it.
  const search = httpApiEvent({ path: '/search', query: 'q=green+tea&tag=loose%2Cleaf&tag=organic&page=2' });
  printResult('search', await handler(search, context));
  printResult('search without q', await handler(httpApiEvent({ path: '/search' }), context));
}
