/**
 * Jest runs the TypeScript sources directly: @swc/jest strips the types
 * (it does not type-check; `pnpm typecheck` does), and the workspace
 * packages resolve to their `src/index.ts` so no build is needed.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/packages'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  moduleNameMapper: {
    // Sources import siblings as `./x.js`, as Node's ESM resolution requires.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@lambda-http/(core|express|koa|fastify)$': '<rootDir>/packages/$1/src/index.ts',
  },
};
