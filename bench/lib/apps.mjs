// One app per framework, with the same three routes and the same responses
// (see contract.mjs). Every adapter of a framework serves the same app code.
//
//   GET  /users/:id   -> 200 JSON { id, page, sort, requestId }
//   POST /orders      -> 201 JSON { orderId, itemCount }, Location: /orders/<orderId>
//   GET  /logo.png    -> 200 image/png, PNG_BYTES

import { CACHE_CONTROL, PNG_BYTES } from './contract.mjs';

export const FRAMEWORKS = ['express', 'koa', 'fastify'];

/** Imports the framework and returns a new app, not yet wrapped by any adapter. */
export async function createApp(framework) {
  switch (framework) {
    case 'express':
      return createExpressApp();
    case 'koa':
      return createKoaApp();
    case 'fastify':
      return createFastifyApp();
    default:
      throw new Error(`Unknown framework "${framework}": expected one of ${FRAMEWORKS.join(', ')}`);
  }
}

async function createExpressApp() {
  const { default: express } = await import('express');
  const app = express();

  app.get('/users/:id', (request, response) => {
    response.set('cache-control', CACHE_CONTROL);
    response.json({
      id: request.params.id,
      page: request.query.page,
      sort: request.query.sort,
      requestId: request.get('x-request-id'),
    });
  });

  app.post('/orders', express.json(), (request, response) => {
    const order = request.body;
    response.status(201);
    response.set('cache-control', CACHE_CONTROL);
    response.location(`/orders/${order.orderId}`);
    response.json({ orderId: order.orderId, itemCount: order.items.length });
  });

  app.get('/logo.png', (request, response) => {
    response.type('image/png');
    response.set('cache-control', CACHE_CONTROL);
    response.send(PNG_BYTES);
  });

  return app;
}

async function createKoaApp() {
  const { default: Koa } = await import('koa');
  const { bodyParser } = await import('@koa/bodyparser');
  const app = new Koa();
  const parseJsonBody = bodyParser({ enableTypes: ['json'] });

  // Koa has no router of its own, and the three routes do not justify adding
  // @koa/router to the measured code path.
  app.use(async (context, next) => {
    const userMatch = /^\/users\/([^/]+)$/.exec(context.path);

    if (context.method === 'GET' && userMatch) {
      context.set('cache-control', CACHE_CONTROL);
      context.body = {
        id: decodeURIComponent(userMatch[1]),
        page: context.query.page,
        sort: context.query.sort,
        requestId: context.get('x-request-id'),
      };
      return;
    }

    if (context.method === 'POST' && context.path === '/orders') {
      await parseJsonBody(context, async () => {});
      const order = context.request.body;
      context.status = 201;
      context.set('cache-control', CACHE_CONTROL);
      context.set('location', `/orders/${order.orderId}`);
      context.body = { orderId: order.orderId, itemCount: order.items.length };
      return;
    }

    if (context.method === 'GET' && context.path === '/logo.png') {
      context.type = 'image/png';
      context.set('cache-control', CACHE_CONTROL);
      context.body = PNG_BYTES;
      return;
    }

    await next();
  });

  return app;
}

async function createFastifyApp() {
  const { default: Fastify } = await import('fastify');
  const app = Fastify();

  app.get('/users/:id', async (request, reply) => {
    reply.header('cache-control', CACHE_CONTROL);
    return {
      id: request.params.id,
      page: request.query.page,
      sort: request.query.sort,
      requestId: request.headers['x-request-id'],
    };
  });

  app.post('/orders', async (request, reply) => {
    const order = request.body;
    reply.code(201);
    reply.header('cache-control', CACHE_CONTROL);
    reply.header('location', `/orders/${order.orderId}`);
    return { orderId: order.orderId, itemCount: order.items.length };
  });

  app.get('/logo.png', async (request, reply) => {
    reply.type('image/png');
    reply.header('cache-control', CACHE_CONTROL);
    return PNG_BYTES;
  });

  return app;
}
