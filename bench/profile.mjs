// Profiles one benchmark cell in this process and prints where its CPU time
// goes: the adapter, the framework and its dependencies, Node.js internals,
// the benchmark loop, and garbage collection.
//
//   node bench/profile.mjs lambda-http/express/http-api-v2 [--duration-ms 3000] [--top 25] [--summary]
//
// With --summary it prints one Markdown table row instead: the rate, the µs
// per invocation in each category, and the rate the cell would reach if the
// adapter cost nothing.
//
// Build the packages first (`npx pnpm@10.34.9 build`). The profile comes from
// the inspector's sampling profiler, started after a warm-up.
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { findAdapter } from './lib/adapters.mjs';
import { createApp } from './lib/apps.mjs';
import { checkResult, readEventText } from './lib/contract.mjs';
import { invoke, yieldToEventLoop } from './lib/runtime.mjs';

// Packages that belong to an adapter rather than to the framework. The
// fastify-aws-lambda peer builds its requests with light-my-request.
const ADAPTER_PACKAGES = {
  'lambda-http': ['/packages/core/', '/packages/express/', '/packages/koa/', '/packages/fastify/', '@lambda-http'],
  'serverless-http': ['serverless-http'],
  codegenie: ['@codegenie/serverless-express'],
  h4ad: ['@h4ad/serverless-adapter'],
  'fastify-aws-lambda': ['@fastify/aws-lambda', 'light-my-request'],
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'duration-ms': { type: 'string', default: '3000' },
    'warmup-ms': { type: 'string', default: '1000' },
    top: { type: 'string', default: '20' },
    summary: { type: 'boolean', default: false },
  },
});

const [cellKey] = positionals;
const [adapterId, framework, eventName] = (cellKey ?? '').split('/');
if (!adapterId || !framework || !eventName || !ADAPTER_PACKAGES[adapterId]) {
  console.error(
    'Usage: node bench/profile.mjs <adapter>/<framework>/<event> [--duration-ms N] [--warmup-ms N] [--top N]\n' +
      `adapters: ${Object.keys(ADAPTER_PACKAGES).join(', ')}; frameworks: express, koa, fastify; ` +
      'events: http-api-v2, rest-api-v1, alb',
  );
  process.exit(2);
}

async function runFor(handler, eventText, durationMs) {
  const deadline = performance.now() + durationMs;
  let invocations = 0;
  while (performance.now() < deadline) {
    await invoke(handler, eventText);
    await yieldToEventLoop();
    invocations += 1;
  }
  return invocations;
}

function categorise(url, functionName) {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)') return 'idle and VM';
  if (ADAPTER_PACKAGES[adapterId].some((marker) => url.includes(marker))) return 'adapter';
  if (url.includes('node_modules')) return 'framework and its dependencies';
  if (url.startsWith('node:')) return 'Node.js internals (http, streams, timers)';
  if (url.includes('/bench/')) return 'benchmark loop and app routes';
  return url === '' ? 'native (JSON, regular expressions, buffers)' : 'other';
}

// The same environment as the benchmark's workers: routes are written
// without the REST stage, and Express runs in production mode.
process.env.AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH ??= 'true';
process.env.NODE_ENV ??= 'production';

const eventText = readEventText(eventName);
const app = await createApp(framework);
const handler = await findAdapter(adapterId).createHandler(framework, app);

const problems = checkResult(eventName, JSON.parse(await invoke(handler, eventText)));
if (problems.length > 0) console.log(`warning: the response is wrong: ${problems.join('; ')}`);
await runFor(handler, eventText, Number(values['warmup-ms']));

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 500 });
await session.post('Profiler.start');
const started = performance.now();
const invocations = await runFor(handler, eventText, Number(values['duration-ms']));
const elapsedMs = performance.now() - started;
const { profile } = await session.post('Profiler.stop');
session.disconnect();

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const byCategory = new Map();
const byFunction = new Map();
for (const sample of profile.samples) {
  const { url, functionName, lineNumber } = nodes.get(sample).callFrame;
  const category = categorise(url, functionName);
  byCategory.set(category, (byCategory.get(category) ?? 0) + 1);
  const name = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/main\//, '')}:${lineNumber + 1}`;
  const entry = byFunction.get(name) ?? { category, samples: 0 };
  entry.samples += 1;
  byFunction.set(name, entry);
}

const total = profile.samples.length;
const microsPerInvocation = (elapsedMs * 1000) / invocations;
const percent = (count) => `${((count / total) * 100).toFixed(1)}%`;
const micros = (count) => ((count / total) * microsPerInvocation).toFixed(1);

if (values.summary) {
  // One Markdown row: the cell, its rate under the profiler, and µs per invocation by category.
  const share = (category) => micros(byCategory.get(category) ?? 0);
  const adapterMicros = Number(share('adapter'));
  const withoutAdapter = Math.round(1e6 / (microsPerInvocation - adapterMicros));
  console.log(
    `| ${cellKey} | ${Math.round(invocations / (elapsedMs / 1000)).toLocaleString('en-US')} | ${microsPerInvocation.toFixed(1)} | ` +
      `${share('adapter')} | ${share('framework and its dependencies')} | ${share('Node.js internals (http, streams, timers)')} | ` +
      `${share('garbage collection')} | ${share('benchmark loop and app routes')} | ${withoutAdapter.toLocaleString('en-US')} |`,
  );
  process.exit(0);
}

console.log(`## ${cellKey}: ${Math.round(invocations / (elapsedMs / 1000)).toLocaleString('en-US')} invocations/s`);
console.log(`${microsPerInvocation.toFixed(1)} µs per invocation, ${total} samples over ${(elapsedMs / 1000).toFixed(1)} s\n`);
console.log('| where | share of samples | µs per invocation |\n| --- | ---: | ---: |');
for (const [category, count] of [...byCategory].sort((a, b) => b[1] - a[1])) {
  console.log(`| ${category} | ${percent(count)} | ${micros(count)} |`);
}
console.log(`\nTop functions by own time:\n\n| function | where | share |\n| --- | --- | ---: |`);
for (const [name, { category, samples }] of [...byFunction].sort((a, b) => b[1].samples - a[1].samples).slice(0, Number(values.top))) {
  console.log(`| \`${name}\` | ${category} | ${percent(samples)} |`);
}
