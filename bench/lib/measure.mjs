// Runs each measurement in a fresh Node process and collects its result.

import { execFile, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCH_DIRECTORY = fileURLToPath(new URL('../', import.meta.url));
const WORKER_PATH = fileURLToPath(new URL('../worker.mjs', import.meta.url));
const COLD_START_SCRIPTS = {
  cjs: fileURLToPath(new URL('../cold-start/import-cjs.cjs', import.meta.url)),
  esm: fileURLToPath(new URL('../cold-start/import-esm.mjs', import.meta.url)),
};

/** Time a child gets for process start, imports and app setup, on top of the timed loops. */
const CHILD_SETUP_TIMEOUT_MS = 60_000;

/** Maximum stderr characters kept from a child for an error message. */
const MAX_STDERR_CHARS = 4_000;

/**
 * Environment of every child. Routes are written without the REST API stage,
 * so lambda-http is configured to drop it. NODE_ENV is fixed because Express,
 * Koa and two peers change their error output with it.
 */
export const CHILD_ENVIRONMENT = {
  AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH: 'true',
  NODE_ENV: 'production',
};

function buildChildEnvironment() {
  return { ...process.env, ...CHILD_ENVIRONMENT };
}

/**
 * Measures one cell in a new worker process.
 *
 * @returns {Promise<object>} the worker's message: `{ ok: true, invocationsPerSecond, problems, maxRssKb, ... }`
 *   or `{ ok: false, error }` when the worker failed, crashed or timed out.
 */
export function runWorker(cell, { warmupMs, durationMs }) {
  const argument = JSON.stringify({ ...cell, warmupMs, durationMs });
  const timeoutMs = CHILD_SETUP_TIMEOUT_MS + 2 * (warmupMs + durationMs);

  return new Promise((resolve) => {
    const child = fork(WORKER_PATH, [argument], {
      cwd: BENCH_DIRECTORY,
      env: buildChildEnvironment(),
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let message;
    let stderr = '';
    let settled = false;

    const finish = (result) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolve(result);
      }
    };

    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ ok: false, error: `worker for ${cell.key} timed out after ${timeoutMs} ms` });
    }, timeoutMs);

    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      if (stderr.length < MAX_STDERR_CHARS) {
        stderr += chunk.slice(0, MAX_STDERR_CHARS - stderr.length);
      }
    });
    child.on('message', (received) => {
      message = received;
    });
    child.on('error', (error) => {
      finish({ ok: false, error: `worker for ${cell.key} could not start: ${error.message}` });
    });
    child.on('exit', (code, signal) => {
      if (message) {
        finish(message);
        return;
      }
      const reason = signal ? `signal ${signal}` : `exit code ${code}`;
      finish({ ok: false, error: `worker for ${cell.key} ended with ${reason} and sent no result.\n${stderr}`.trim() });
    });
  });
}

/**
 * Times the import of an entry's modules in a new process.
 *
 * @param {'cjs' | 'esm'} moduleFormat  `cjs` uses require(), `esm` uses import().
 * @returns {Promise<number>} the import time in nanoseconds.
 */
export function runColdStart(entry, moduleFormat) {
  const argument = JSON.stringify({ frameworkModules: entry.frameworkModules, modules: entry.modules });

  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [COLD_START_SCRIPTS[moduleFormat], argument],
      { cwd: BENCH_DIRECTORY, env: buildChildEnvironment(), timeout: CHILD_SETUP_TIMEOUT_MS },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.trim().split('\n').slice(0, 5).join('\n');
          reject(new Error(`cold-start ${moduleFormat} import of ${entry.modules.join(', ')} failed: ${error.message}\n${detail}`));
          return;
        }
        resolve(JSON.parse(stdout).importNs);
      },
    );
  });
}
