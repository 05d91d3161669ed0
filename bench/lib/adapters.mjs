// The adapters under test: ours and the peers, each set up as its own README
// (in bench/node_modules) recommends, with `image/png` declared binary.
//
// Each adapter lists the frameworks its documentation names as supported.
// serverless-http 4.0 also lists Fastify, but as experimental, so it is left out.

/** Content types that every peer is configured to return base64-encoded. */
const BINARY_CONTENT_TYPES = ['image/png'];

const H4AD_MODULES = {
  core: '@h4ad/serverless-adapter',
  awsAdapters: '@h4ad/serverless-adapter/lib/adapters/aws',
  defaultHandler: '@h4ad/serverless-adapter/lib/handlers/default',
  promiseResolver: '@h4ad/serverless-adapter/lib/resolvers/promise',
  frameworks: {
    express: { module: '@h4ad/serverless-adapter/lib/frameworks/express', className: 'ExpressFramework' },
    koa: { module: '@h4ad/serverless-adapter/lib/frameworks/koa', className: 'KoaFramework' },
    fastify: { module: '@h4ad/serverless-adapter/lib/frameworks/fastify', className: 'FastifyFramework' },
  },
};

/**
 * @typedef {object} Adapter
 * @property {string} id  Identifier used on the command line and in messages.
 * @property {string} label  Name shown in the report.
 * @property {boolean} ours  Whether this is a lambda-http package.
 * @property {Record<string, string[]>} modules  Per framework, the modules a
 *   user imports to wrap an app. The runner skips a framework whose modules
 *   cannot be loaded, and the cold-start measurement times their import.
 * @property {(framework: string, app: unknown) => Promise<Function>} createHandler
 *   Wraps the app and returns the Lambda handler `(event, context) => Promise<result>`.
 */

/** @type {Adapter[]} */
export const ADAPTERS = [
  {
    id: 'lambda-http',
    label: 'lambda-http',
    ours: true,
    modules: {
      express: ['@lambda-http/express'],
      koa: ['@lambda-http/koa'],
      fastify: ['@lambda-http/fastify'],
    },
    async createHandler(framework, app) {
      const { handle } = await import(`@lambda-http/${framework}`);
      // No binary option: the default rule of @lambda-http/core sends every
      // non-text content type, image/png included, base64-encoded.
      return handle(app);
    },
  },
  {
    id: 'serverless-http',
    label: 'serverless-http',
    ours: false,
    modules: {
      express: ['serverless-http'],
      koa: ['serverless-http'],
    },
    async createHandler(framework, app) {
      const { default: serverless } = await import('serverless-http');
      return serverless(app, { binary: BINARY_CONTENT_TYPES });
    },
  },
  {
    id: 'codegenie',
    label: '@codegenie/serverless-express',
    ours: false,
    modules: {
      express: ['@codegenie/serverless-express'],
      koa: ['@codegenie/serverless-express'],
    },
    async createHandler(framework, app) {
      const { default: serverlessExpress } = await import('@codegenie/serverless-express');
      return serverlessExpress({ app, binarySettings: { contentTypes: BINARY_CONTENT_TYPES } });
    },
  },
  {
    id: 'h4ad',
    label: '@h4ad/serverless-adapter',
    ours: false,
    modules: Object.fromEntries(
      Object.entries(H4AD_MODULES.frameworks).map(([framework, { module: frameworkModule }]) => [
        framework,
        [
          H4AD_MODULES.core,
          H4AD_MODULES.awsAdapters,
          H4AD_MODULES.defaultHandler,
          H4AD_MODULES.promiseResolver,
          frameworkModule,
        ],
      ]),
    ),
    async createHandler(framework, app) {
      const { ServerlessAdapter, DEFAULT_BINARY_ENCODINGS } = await import(H4AD_MODULES.core);
      const { AlbAdapter, ApiGatewayV1Adapter, ApiGatewayV2Adapter } = await import(H4AD_MODULES.awsAdapters);
      const { DefaultHandler } = await import(H4AD_MODULES.defaultHandler);
      const { PromiseResolver } = await import(H4AD_MODULES.promiseResolver);
      const { module: frameworkModule, className } = H4AD_MODULES.frameworks[framework];
      const FrameworkClass = (await import(frameworkModule))[className];

      return ServerlessAdapter.new(app)
        .setFramework(new FrameworkClass())
        .setHandler(new DefaultHandler())
        .setResolver(new PromiseResolver())
        .setBinarySettings({ contentTypes: BINARY_CONTENT_TYPES, contentEncodings: DEFAULT_BINARY_ENCODINGS })
        .addAdapter(new ApiGatewayV2Adapter())
        .addAdapter(new ApiGatewayV1Adapter({ lowercaseRequestHeaders: true }))
        .addAdapter(new AlbAdapter())
        .build();
    },
  },
  {
    id: 'fastify-aws-lambda',
    label: '@fastify/aws-lambda',
    ours: false,
    modules: {
      fastify: ['@fastify/aws-lambda'],
    },
    async createHandler(framework, app) {
      const { default: awsLambdaFastify } = await import('@fastify/aws-lambda');
      const handler = awsLambdaFastify(app, { binaryMimeTypes: BINARY_CONTENT_TYPES });
      // The README calls ready() after wrapping, so that the first invocation
      // does not pay for plugin loading.
      await app.ready();
      return handler;
    },
  },
];

export function findAdapter(adapterId) {
  const adapter = ADAPTERS.find((candidate) => candidate.id === adapterId);
  if (!adapter) {
    throw new Error(`Unknown adapter "${adapterId}": expected one of ${ADAPTERS.map((a) => a.id).join(', ')}`);
  }
  return adapter;
}
