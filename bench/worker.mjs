// Child process that measures one cell (adapter x framework x event, or a
// reference handler x event) and sends one result message to run.mjs.
//
// Usage: forked by run.mjs with one argument, the JSON of
//   { kind: 'adapter' | 'reference', id, framework?, event, warmupMs, durationMs }

import { findAdapter } from './lib/adapters.mjs';
import { createApp } from './lib/apps.mjs';
import { checkResult, readEventText } from './lib/contract.mjs';
import { checkReferenceResult, findReference } from './lib/references.mjs';
import { invoke, yieldToEventLoop } from './lib/runtime.mjs';

/** Minimum warm-up invocations, so that a slow adapter still reaches optimized code. */
const MIN_WARMUP_INVOCATIONS = 200;

async function createCellHandler(cell) {
  if (cell.kind === 'reference') {
    return findReference(cell.id).createHandler();
  }
  const app = await createApp(cell.framework);
  return findAdapter(cell.id).createHandler(cell.framework, app);
}

async function checkOneInvocation(cell, handler, eventText) {
  const serialized = await invoke(handler, eventText);
  await yieldToEventLoop();

  if (serialized === undefined) {
    return ['handler returned undefined'];
  }
  const result = JSON.parse(serialized);
  return cell.kind === 'reference' ? checkReferenceResult(result) : checkResult(cell.event, result);
}

/**
 * Invokes the handler until `durationMs` has passed and at least
 * `minInvocations` ran. Returns the invocation count and elapsed nanoseconds.
 */
async function runInvocations(handler, eventText, durationMs, minInvocations) {
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(durationMs * 1e6));
  let invocations = 0;
  let now = start;

  while (now < deadline || invocations < minInvocations) {
    await invoke(handler, eventText);
    await yieldToEventLoop();
    invocations += 1;
    now = process.hrtime.bigint();
  }

  return { invocations, elapsedNs: Number(now - start) };
}

async function measureCell(cell) {
  const eventText = readEventText(cell.event);
  const handler = await createCellHandler(cell);

  // Check the first response and the response of a warmed-up handler, because
  // some adapters finish their setup lazily on the first invocation.
  const problems = await checkOneInvocation(cell, handler, eventText);
  await runInvocations(handler, eventText, cell.warmupMs, MIN_WARMUP_INVOCATIONS);
  for (const problem of await checkOneInvocation(cell, handler, eventText)) {
    if (!problems.includes(problem)) {
      problems.push(`after warm-up: ${problem}`);
    }
  }

  const { invocations, elapsedNs } = await runInvocations(handler, eventText, cell.durationMs, 1);

  return {
    invocations,
    elapsedNs,
    invocationsPerSecond: invocations / (elapsedNs / 1e9),
    problems,
    maxRssKb: process.resourceUsage().maxRSS,
  };
}

function sendAndExit(message) {
  process.send(message, () => process.exit(0));
}

if (!process.send) {
  console.error('worker.mjs measures one cell for run.mjs and needs its IPC channel: run `node bench/run.mjs` instead.');
  process.exit(2);
}

const cell = JSON.parse(process.argv[2]);

try {
  sendAndExit({ ok: true, ...(await measureCell(cell)) });
} catch (error) {
  sendAndExit({ ok: false, error: error?.stack ?? String(error) });
}
