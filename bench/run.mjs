#!/usr/bin/env node
// Benchmark of lambda-http against other Lambda HTTP adapters. It prints a
// Markdown report on stdout and writes it to bench/results/latest.md. Progress
// goes to stderr. See bench/README.md for what is measured.

import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';

import { runColdStart, runWorker } from './lib/measure.mjs';
import { planMeasurements } from './lib/plan.mjs';
import { renderReport, summarizeCell } from './lib/report.mjs';

const RESULTS_DIRECTORY = new URL('./results/', import.meta.url);

/**
 * Settings per mode. A full run of 36 of the 42 cells took 6 min 16 s on a
 * 2-core AMD EPYC VM with a load average of about 2, so all 42 should take
 * about 7.5 minutes (an estimate). A quick run took under 40 s there.
 */
const MODE_SETTINGS = {
  full: { rounds: 5, warmupMs: 1000, durationMs: 1000, coldStartRuns: 20, jobs: 1 },
  quick: { rounds: 2, warmupMs: 20, durationMs: 50, coldStartRuns: 2, jobs: 2 },
};

const USAGE = `Usage: node bench/run.mjs [options]

Options:
  --quick                 2 rounds of 50 ms after 20 ms warm-up, 2 workers at a time,
                          2 cold-start processes (a smoke test: the numbers are not meaningful)
  --rounds N              rounds per cell (full run: ${MODE_SETTINGS.full.rounds})
  --warmup-ms N           warm-up per measurement, in milliseconds (full run: ${MODE_SETTINGS.full.warmupMs})
  --duration-ms N         timed part of each measurement, in milliseconds (full run: ${MODE_SETTINGS.full.durationMs})
  --cold-start-runs N     fresh processes per cold-start cell and module format (full run: ${MODE_SETTINGS.full.coldStartRuns})
  --jobs N                workers measuring at the same time (full run: ${MODE_SETTINGS.full.jobs});
                          more than 1 makes them compete for CPU and skews the numbers
  --no-cold-start         skip the cold-start measurement
  --filter TEXT           run only cells whose key contains TEXT, for example "h4ad/koa"
                          or "/alb" (keys: adapter/framework/event and reference/event;
                          cold-start keys: adapter/framework and lambda-http/core)
  --help                  print this help

Exit status is 1 when a measurement failed (crashed, timed out or could not load
its app). An adapter that returns a wrong response is reported, but is not a failure.`;

function parsePositiveInteger(name, text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`Invalid --${name} "${text}": expected a positive integer`);
  }
  return value;
}

function parseSettings(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      'warmup-ms': { type: 'string' },
      'duration-ms': { type: 'string' },
      'cold-start-runs': { type: 'string' },
      jobs: { type: 'string' },
      'no-cold-start': { type: 'boolean', default: false },
      filter: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });

  const settings = { ...MODE_SETTINGS[values.quick ? 'quick' : 'full'], quick: values.quick };
  for (const [option, key] of [
    ['rounds', 'rounds'],
    ['warmup-ms', 'warmupMs'],
    ['duration-ms', 'durationMs'],
    ['cold-start-runs', 'coldStartRuns'],
    ['jobs', 'jobs'],
  ]) {
    if (values[option] !== undefined) {
      settings[key] = parsePositiveInteger(option, values[option]);
    }
  }

  return { ...settings, coldStart: !values['no-cold-start'], filter: values.filter, help: values.help };
}

function logProgress(message) {
  process.stderr.write(`${message}\n`);
}

/** Calls `task` on every item, with at most `jobs` calls running at once, in list order. */
async function runWithConcurrency(items, jobs, task) {
  let nextIndex = 0;
  const runLane = async () => {
    while (nextIndex < items.length) {
      const index = nextIndex;
      nextIndex += 1;
      await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, runLane));
}

/** Runs every cell once per round, round by round, and returns the results per cell key. */
async function measureThroughput(cells, settings) {
  const resultsByKey = new Map(cells.map((cell) => [cell.key, []]));

  for (let round = 1; round <= settings.rounds; round += 1) {
    await runWithConcurrency(cells, settings.jobs, async (cell, index) => {
      const results = resultsByKey.get(cell.key);

      // A cell that failed once fails the same way again: do not spend time on it.
      if (results.some((result) => !result.ok)) {
        return;
      }

      const result = await runWorker(cell, settings);
      results.push(result);

      const outcome = result.ok ? `${Math.round(result.invocationsPerSecond)} invocations/s` : 'failed';
      const flag = result.ok && result.problems.length > 0 ? ' (wrong response)' : '';
      logProgress(`round ${round}/${settings.rounds}, cell ${index + 1}/${cells.length}: ${cell.key}: ${outcome}${flag}`);
    });
  }

  return resultsByKey;
}

/** Runs the cold-start processes, interleaving entries and module formats. */
async function measureColdStart(entries, settings) {
  const timings = entries.map((entry) => ({ entry, cjs: [], esm: [] }));
  const errors = [];

  for (let run = 1; run <= settings.coldStartRuns; run += 1) {
    for (const timing of timings) {
      for (const moduleFormat of ['cjs', 'esm']) {
        if (timing[moduleFormat] === null) {
          continue;
        }
        try {
          timing[moduleFormat].push((await runColdStart(timing.entry, moduleFormat)) / 1e6);
        } catch (error) {
          errors.push(error.message);
          timing[moduleFormat] = null;
        }
      }
    }
    logProgress(`cold start: run ${run}/${settings.coldStartRuns} done`);
  }

  return { coldStartResults: timings, coldStartErrors: errors };
}

async function main() {
  const settings = { ...parseSettings(process.argv.slice(2)), startedAt: new Date(), loadAverageAtStart: os.loadavg()[0] };
  if (settings.help) {
    console.log(USAGE);
    return 0;
  }

  const { cells, coldStartEntries, skipped } = await planMeasurements({ filter: settings.filter });
  for (const reason of skipped) {
    logProgress(`skipped: ${reason}`);
  }
  if (cells.length === 0) {
    throw new Error(`No cell matches --filter "${settings.filter}"`);
  }

  const resultsByKey = await measureThroughput(cells, settings);
  const summaries = new Map([...resultsByKey].map(([key, results]) => [key, summarizeCell(results)]));

  const { coldStartResults, coldStartErrors } = settings.coldStart
    ? await measureColdStart(coldStartEntries, settings)
    : { coldStartResults: [], coldStartErrors: [] };

  const report = renderReport({ settings, summaries, coldStartResults, coldStartErrors, skipped });
  process.stdout.write(report);
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  writeFileSync(new URL('latest.md', RESULTS_DIRECTORY), report);
  logProgress(`Report written to ${new URL('latest.md', RESULTS_DIRECTORY).pathname}`);

  const failed = [...summaries.values()].some((summary) => summary.errors.length > 0) || coldStartErrors.length > 0;
  return failed ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`Benchmark failed: ${error.message}\n`);
  process.exitCode = 1;
}
