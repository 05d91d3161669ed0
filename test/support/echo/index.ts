export { createExpressEchoApp, type ExpressModule } from './express';
export { createFastifyEchoApp } from './fastify';
export { createKoaEchoApp, type KoaConstructor } from './koa';
export * from './routes';
