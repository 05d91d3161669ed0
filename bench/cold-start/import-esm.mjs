// Child process: times `import()` of the adapter modules after the framework
// is already loaded, and prints { importNs } as JSON on stdout.
//
// Usage: node import-esm.mjs '{"frameworkModules":["express"],"modules":["serverless-http"]}'

const { frameworkModules, modules } = JSON.parse(process.argv[2]);

for (const frameworkModule of frameworkModules) {
  await import(frameworkModule);
}

const start = process.hrtime.bigint();
for (const adapterModule of modules) {
  await import(adapterModule);
}
const importNs = Number(process.hrtime.bigint() - start);

process.stdout.write(`${JSON.stringify({ importNs })}\n`);
