// Child process: times `require` of the adapter modules after the framework
// is already loaded, and prints { importNs } as JSON on stdout.
//
// Usage: node import-cjs.cjs '{"frameworkModules":["express"],"modules":["serverless-http"]}'

'use strict';

const { frameworkModules, modules } = JSON.parse(process.argv[2]);

for (const frameworkModule of frameworkModules) {
  require(frameworkModule);
}

const start = process.hrtime.bigint();
for (const adapterModule of modules) {
  require(adapterModule);
}
const importNs = Number(process.hrtime.bigint() - start);

process.stdout.write(`${JSON.stringify({ importNs })}\n`);
