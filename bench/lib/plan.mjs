// Builds the list of measurements: throughput cells and cold-start entries,
// leaving out every adapter whose modules cannot be loaded.

import { ADAPTERS } from './adapters.mjs';
import { FRAMEWORKS } from './apps.mjs';
import { EVENT_NAMES } from './contract.mjs';
import { REFERENCES } from './references.mjs';

/** Module that the app needs for each framework, loaded before the adapter in cold-start runs. */
const FRAMEWORK_MODULES = {
  express: ['express'],
  koa: ['koa'],
  fastify: ['fastify'],
};

const moduleErrors = new Map();

/**
 * Imports a module in this process to find out whether a child can load it.
 * Returns undefined on success, or a one-line error message.
 */
async function probeModule(moduleName) {
  if (!moduleErrors.has(moduleName)) {
    try {
      await import(moduleName);
      moduleErrors.set(moduleName, undefined);
    } catch (error) {
      const firstLine = String(error?.message ?? error).split('\n')[0];
      moduleErrors.set(moduleName, `${error?.code ?? error?.name ?? 'Error'}: ${firstLine}`);
    }
  }
  return moduleErrors.get(moduleName);
}

/** Returns the first load error among the modules, formatted with the module name. */
async function findLoadError(moduleNames) {
  for (const moduleName of moduleNames) {
    const error = await probeModule(moduleName);
    if (error) {
      return `${moduleName} could not be loaded (${error})`;
    }
  }
  return undefined;
}

/** Returns true when the filter is empty or is a substring of the cell's key. */
function matchesFilter(key, filter) {
  return !filter || key.includes(filter);
}

/**
 * Lists the measurements to run.
 *
 * @param {{ filter?: string }} options  `filter` keeps only the throughput
 *   cells whose key ("adapter/framework/event" or "reference/event") contains
 *   it, and the cold-start entries whose "adapter/framework" key contains it
 *   ("lambda-http/core" for core alone).
 * @returns {Promise<{ cells: object[], coldStartEntries: object[], skipped: string[] }>}
 */
export async function planMeasurements({ filter } = {}) {
  const cells = [];
  const coldStartEntries = [];
  const skipped = [];
  const coldStartModuleLists = new Set();

  for (const adapter of ADAPTERS) {
    for (const framework of FRAMEWORKS) {
      const modules = adapter.modules[framework];
      if (!modules) {
        continue;
      }

      const loadError = await findLoadError([...FRAMEWORK_MODULES[framework], ...modules]);
      if (loadError) {
        skipped.push(`${adapter.label} with ${framework}: ${loadError}`);
        continue;
      }

      for (const event of EVENT_NAMES) {
        const key = `${adapter.id}/${framework}/${event}`;
        if (matchesFilter(key, filter)) {
          cells.push({ kind: 'adapter', key, id: adapter.id, framework, event });
        }
      }

      // A peer that imports the same modules for every framework gets one entry.
      const moduleListKey = modules.join(' ');
      if (!coldStartModuleLists.has(moduleListKey) && matchesFilter(`${adapter.id}/${framework}`, filter)) {
        coldStartModuleLists.add(moduleListKey);
        coldStartEntries.push({
          label: adapter.label,
          ours: adapter.ours,
          frameworkModules: FRAMEWORK_MODULES[framework],
          modules,
        });
      }
    }
  }

  for (const reference of REFERENCES) {
    const loadError = await findLoadError(reference.modules);
    if (loadError) {
      skipped.push(`reference "${reference.label}": ${loadError}`);
      continue;
    }
    for (const event of EVENT_NAMES) {
      const key = `${reference.id}/${event}`;
      if (matchesFilter(key, filter)) {
        cells.push({ kind: 'reference', key, id: reference.id, event });
      }
    }
  }

  // Core alone, without a framework: the cost every lambda-http adapter starts from.
  const coreLoadError = await findLoadError(['@lambda-http/core']);
  if (!coreLoadError && matchesFilter('lambda-http/core', filter)) {
    coldStartEntries.unshift({ label: 'lambda-http', ours: true, frameworkModules: [], modules: ['@lambda-http/core'] });
  }

  return { cells, coldStartEntries, skipped };
}
