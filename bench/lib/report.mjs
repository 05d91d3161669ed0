// Formats the collected measurements as Markdown.

import { readFileSync } from 'node:fs';
import os from 'node:os';

import { ADAPTERS } from './adapters.mjs';
import { FRAMEWORKS } from './apps.mjs';
import { EVENTS } from './contract.mjs';
import { CHILD_ENVIRONMENT } from './measure.mjs';
import { REFERENCES } from './references.mjs';
import { formatInteger, formatOneDecimal, formatSummary, formatTwoDecimals, summarize } from './stats.mjs';

const FRAMEWORK_TITLES = { express: 'Express', koa: 'Koa', fastify: 'Fastify' };

/** Packages whose installed versions the report header lists. */
const REPORTED_PACKAGES = [
  'express',
  'koa',
  'fastify',
  'light-my-request',
  'serverless-http',
  '@codegenie/serverless-express',
  '@fastify/aws-lambda',
  '@h4ad/serverless-adapter',
  '@lambda-http/core',
];

const WRONG_RESPONSE_MARK = '⚠ wrong response';

function readInstalledVersion(packageName) {
  try {
    const manifestUrl = new URL(`../node_modules/${packageName}/package.json`, import.meta.url);
    return JSON.parse(readFileSync(manifestUrl, 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

/**
 * Renders a Markdown table. The first `textColumnCount` columns are
 * left-aligned and the rest, which hold numbers, right-aligned.
 */
function renderTable(header, rows, textColumnCount = 1) {
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, index) => (index < textColumnCount ? '---' : '---:')).join(' | ')} |`,
  ];
  for (const row of rows) {
    lines.push(`| ${row.join(' | ')} |`);
  }
  return lines.join('\n');
}

/**
 * Summarizes the rounds of one cell.
 *
 * @returns {{ throughput?: object, rss?: object, problems: string[], errors: string[] }}
 */
export function summarizeCell(roundResults) {
  const succeeded = roundResults.filter((result) => result.ok);
  const problems = [...new Set(succeeded.flatMap((result) => result.problems))];
  const errors = [...new Set(roundResults.filter((result) => !result.ok).map((result) => result.error))];

  if (succeeded.length === 0) {
    return { problems, errors };
  }
  return {
    throughput: summarize(succeeded.map((result) => result.invocationsPerSecond)),
    rss: summarize(succeeded.map((result) => result.maxRssKb / 1024)),
    problems,
    errors,
  };
}

function formatThroughputCell(summary) {
  if (!summary) {
    return 'n/a';
  }
  if (summary.errors.length > 0) {
    return 'failed';
  }
  const text = formatSummary(summary.throughput, formatInteger);
  return summary.problems.length > 0 ? `${text} ${WRONG_RESPONSE_MARK}` : text;
}

/**
 * Returns the ratio cell for one framework and event: our median divided by
 * the median of the fastest peer whose response was correct.
 */
function formatRatioCell(summaries, framework, event) {
  const ours = ADAPTERS.find((adapter) => adapter.ours);
  const ourSummary = summaries.get(`${ours.id}/${framework}/${event}`);
  if (!ourSummary?.throughput || ourSummary.errors.length > 0) {
    return 'n/a';
  }

  let fastestPeer;
  let fastestMedian = 0;
  for (const adapter of ADAPTERS.filter((candidate) => !candidate.ours)) {
    const summary = summaries.get(`${adapter.id}/${framework}/${event}`);
    const correct = summary?.throughput && summary.errors.length === 0 && summary.problems.length === 0;
    if (correct && summary.throughput.median > fastestMedian) {
      fastestPeer = adapter;
      fastestMedian = summary.throughput.median;
    }
  }
  if (!fastestPeer) {
    return 'no correct peer';
  }

  const ratio = `${formatTwoDecimals(ourSummary.throughput.median / fastestMedian)}× vs ${fastestPeer.label}`;
  return ourSummary.problems.length > 0 ? `${ratio} ${WRONG_RESPONSE_MARK}` : ratio;
}

function renderEnvironment(settings) {
  const cpus = os.cpus();
  const versions = REPORTED_PACKAGES.map((name) => `${name} ${readInstalledVersion(name)}`).join(', ');
  const environment = Object.entries(CHILD_ENVIRONMENT)
    .map(([name, value]) => `\`${name}=${value}\``)
    .join(', ');

  return [
    `Run ${settings.startedAt.toISOString()} on Node ${process.version}, ${os.platform()} ${os.arch()}, ` +
      `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}.`,
    `Mode: ${settings.quick ? 'quick (numbers are only a smoke test)' : 'full'}; ` +
      `${settings.rounds} rounds; per measurement ${settings.warmupMs} ms warm-up, then ${settings.durationMs} ms timed; ` +
      `${settings.jobs} worker${settings.jobs === 1 ? '' : 's'} at a time; ` +
      `cold start from ${settings.coldStartRuns} processes per cell.`,
    `Children run with ${environment}.`,
    `Load average (1 min) at start ${formatTwoDecimals(settings.loadAverageAtStart)}, at end ${formatTwoDecimals(os.loadavg()[0])}: ` +
      'other processes on the machine lower and scatter the numbers.',
    '',
    `Versions: ${versions}.`,
  ].join('\n');
}

function renderThroughput(summaries) {
  const sections = [
    '## Invocations per second',
    '',
    'Median over the rounds, with the range (min–max) in brackets; higher is better. ' +
      'One invocation is what the Lambda runtime does: `JSON.parse` the event text, call the handler with a context, ' +
      '`JSON.stringify` the result, then yield with `setImmediate`. ' +
      'Each number comes from a fresh process; rounds run every cell once before the next round starts. ' +
      `"${WRONG_RESPONSE_MARK}" marks an adapter whose response differed from what the app sent (details under Notes). ` +
      'Such an adapter never counts as the fastest peer. "n/a" means the adapter does not document that framework or was skipped.',
  ];

  for (const event of EVENTS) {
    const header = ['adapter', ...FRAMEWORKS.map((framework) => FRAMEWORK_TITLES[framework])];
    const rows = ADAPTERS.map((adapter) => [
      adapter.ours ? `**${adapter.label}**` : adapter.label,
      ...FRAMEWORKS.map((framework) => formatThroughputCell(summaries.get(`${adapter.id}/${framework}/${event.name}`))),
    ]);
    rows.push([
      '**lambda-http ÷ fastest correct peer**',
      ...FRAMEWORKS.map((framework) => formatRatioCell(summaries, framework, event.name)),
    ]);
    sections.push('', `### ${event.title}`, '', renderTable(header, rows));
  }

  const referenceHeader = ['reference handler', ...EVENTS.map((event) => event.name)];
  const referenceRows = REFERENCES.map((reference) => [
    reference.label,
    ...EVENTS.map((event) => formatThroughputCell(summaries.get(`${reference.id}/${event.name}`))),
  ]);
  sections.push(
    '',
    '### Reference handlers',
    '',
    'Upper bounds for the rows above: the constant handler is the cost of the invocation loop itself, ' +
      'light-my-request is a generic fake request into a listener that only calls `response.end()`, ' +
      'and the core row is our event translation with that same listener. Only their status code is checked.',
    '',
    renderTable(referenceHeader, referenceRows),
  );

  return sections.join('\n');
}

function renderColdStart(coldStartResults) {
  const header = ['adapter', 'loaded first (not timed)', 'modules timed', 'CJS `require` (ms)', 'ESM `import()` (ms)'];
  const rows = coldStartResults.map(({ entry, cjs, esm }) => [
    entry.ours ? `**${entry.label}**` : entry.label,
    entry.frameworkModules.length > 0 ? entry.frameworkModules.join(', ') : 'nothing',
    entry.modules.map((name) => `\`${name}\``).join('<br>'),
    cjs ? formatSummary(summarize(cjs), formatTwoDecimals) : 'failed',
    esm ? formatSummary(summarize(esm), formatTwoDecimals) : 'failed',
  ]);

  return [
    '## Cold start',
    '',
    'Time to load the adapter modules a user imports, measured with `process.hrtime.bigint()` around the ' +
      '`require` or `import()` calls in a fresh process, after the framework is already loaded. ' +
      'Median of the processes, with the range (min–max); lower is better. ' +
      'Node built-in modules that the framework already loaded (such as `node:http`) are timed only in a row ' +
      'where nothing is loaded first.',
    '',
    renderTable(header, rows, 3),
  ].join('\n');
}

function renderRss(summaries) {
  const header = ['adapter', 'framework', ...EVENTS.map((event) => event.name)];
  const rows = [];

  for (const adapter of ADAPTERS) {
    for (const framework of FRAMEWORKS) {
      if (!adapter.modules[framework]) {
        continue;
      }
      const cells = EVENTS.map((event) => summaries.get(`${adapter.id}/${framework}/${event.name}`));
      if (cells.every((summary) => !summary?.rss)) {
        continue;
      }
      rows.push([
        adapter.ours ? `**${adapter.label}**` : adapter.label,
        FRAMEWORK_TITLES[framework],
        ...cells.map((summary) => (summary?.rss ? formatSummary(summary.rss, formatOneDecimal) : 'n/a')),
      ]);
    }
  }
  for (const reference of REFERENCES) {
    const cells = EVENTS.map((event) => summaries.get(`${reference.id}/${event.name}`));
    if (cells.some((summary) => summary?.rss)) {
      rows.push([
        reference.label,
        '–',
        ...cells.map((summary) => (summary?.rss ? formatSummary(summary.rss, formatOneDecimal) : 'n/a')),
      ]);
    }
  }

  return [
    '## Peak RSS',
    '',
    'Peak resident set size of the measuring process (`process.resourceUsage().maxRSS`, read at its end), in MiB. ' +
      'Median over the rounds, with the range (min–max). It includes Node itself, the framework and the app.',
    '',
    renderTable(header, rows, 2),
  ].join('\n');
}

function renderNotes(summaries, skipped, coldStartErrors) {
  const lines = [];

  for (const [key, summary] of summaries) {
    for (const problem of summary.problems) {
      lines.push(`- ${WRONG_RESPONSE_MARK}: \`${key}\`: ${problem}`);
    }
    for (const error of summary.errors) {
      lines.push(`- failed: \`${key}\`: ${error.split('\n').slice(0, 3).join(' ')}`);
    }
  }
  for (const error of coldStartErrors) {
    lines.push(`- failed: ${error.split('\n')[0]}`);
  }
  for (const reason of skipped) {
    lines.push(`- skipped: ${reason}`);
  }

  if (lines.length === 0) {
    return '## Notes\n\nEvery adapter returned the expected responses, and none was skipped.';
  }
  return ['## Notes', '', ...lines].join('\n');
}

/** Renders the whole report. */
export function renderReport({ settings, summaries, coldStartResults, coldStartErrors, skipped }) {
  const sections = ['# lambda-http benchmark', '', renderEnvironment(settings), '', renderThroughput(summaries)];

  if (coldStartResults.length > 0) {
    sections.push('', renderColdStart(coldStartResults));
  }
  sections.push('', renderRss(summaries), '', renderNotes(summaries, skipped, coldStartErrors), '');

  return sections.join('\n');
}
