/** Loads the conformance case files from test/fixtures/conformance/cases. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { isJsonObject, type ConformanceCase } from './conformance';

/** The folder of the conformance case files. */
export const CASES_DIRECTORY = path.resolve(__dirname, '../fixtures/conformance/cases');

/** A case with its event loaded and the path of its file. */
export interface LoadedCase extends ConformanceCase {
  event: unknown;
  /** Path of the case file relative to the cases folder, such as `smoke/01-v1-get-query.json`. */
  file: string;
}

/**
 * Reads every `*.json` file under `directory`, sorted by path, and loads the
 * event of each case that names `eventFile` (relative to the case file).
 * Throws on a file that is not a valid case, naming the file and the field.
 */
export function loadConformanceCases(directory: string = CASES_DIRECTORY): LoadedCase[] {
  const files = listJsonFiles(directory).sort();
  const cases = files.map((file) => loadCase(directory, file));

  const seenIds = new Map<string, string>();
  for (const testCase of cases) {
    const earlierFile = seenIds.get(testCase.id);
    if (earlierFile !== undefined) {
      throw new Error(`Duplicate case id "${testCase.id}" in ${earlierFile} and ${testCase.file}.`);
    }
    seenIds.set(testCase.id, testCase.file);
  }

  return cases;
}

function loadCase(directory: string, file: string): LoadedCase {
  const absolutePath = path.join(directory, file);
  const parsed: unknown = JSON.parse(readFileSync(absolutePath, 'utf8'));
  if (!isJsonObject(parsed)) throw new Error(`Invalid case file ${file}: expected a JSON object.`);

  const id = parsed['id'];
  const summary = parsed['summary'];
  const expect = parsed['expect'];
  const env = parsed['env'];
  if (typeof id !== 'string' || id === '') throw new Error(`Invalid case file ${file}: "id" must be a non-empty string.`);
  if (typeof summary !== 'string') throw new Error(`Invalid case file ${file}: "summary" must be a string.`);
  if (!isJsonObject(expect)) throw new Error(`Invalid case file ${file}: "expect" must be an object.`);
  if (env !== undefined && !isStringRecord(env)) {
    throw new Error(`Invalid case file ${file}: "env" must map names to string values.`);
  }

  let event: unknown = parsed['event'];
  const eventFile = parsed['eventFile'];
  if (event === undefined) {
    if (typeof eventFile !== 'string') {
      throw new Error(`Invalid case file ${file}: it needs "event" or "eventFile".`);
    }
    event = JSON.parse(readFileSync(path.resolve(path.dirname(absolutePath), eventFile), 'utf8'));
  }

  const loaded: LoadedCase = { id, summary, event, expect, file };
  if (typeof eventFile === 'string') loaded.eventFile = eventFile;
  if (env !== undefined) loaded.env = env;
  if (typeof parsed['source'] === 'string') loaded.source = parsed['source'];
  if (typeof parsed['why'] === 'string') loaded.why = parsed['why'];
  return loaded;
}

function listJsonFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.split(path.sep).join('/'));
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isJsonObject(value) && Object.values(value).every((entry) => typeof entry === 'string');
}
