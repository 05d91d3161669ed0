// Reads query string parameters: the first value of a name, or all of them.
//
//   node examples/koa/query-parameters.mjs
import Koa from 'koa';
import { handle } from '@lambda-http/koa';
import { httpApiEvent, isMain, lambdaContext, printResult } from '../events.mjs';

const app = new Koa();

app.use((ctx) => {
  if (ctx.path !== '/search') {
    ctx.status = 404;
    return;
  }
  const query = ctx.lambda.queryStringParameters();
  const term = query.first('q');
  if (term === undefined) {
    ctx.status = 400;
    ctx.body = { error: 'Missing query parameter "q".' };
    return;
  }
  ctx.body = { term, tags: query.all('tag'), page: Number(query.first('page') ?? '1') };
});

export const handler = handle(app);

if (isMain(import.meta.url)) {
  const context = lambdaContext('example-query-parameters');
  // `%2C` is an encoded comma: it stays inside its value instead of splitting it.
  const search = httpApiEvent({ path: '/search', query: 'q=green+tea&tag=loose%2Cleaf&tag=organic&page=2' });
  printResult('search', await handler(search, context));
  printResult('search without q', await handler(httpApiEvent({ path: '/search' }), context));
}
