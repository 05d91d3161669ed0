/** Reads test/fixtures/events/MANIFEST.tsv, the index of the event corpus. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The folder of the event corpus. */
export const EVENTS_DIRECTORY = path.resolve(__dirname, '../fixtures/events');

/** The `kind` column values; test/fixtures/events/README.md defines each one. */
export type EventKind =
  | 'apigw-v1'
  | 'apigw-v2'
  | 'function-url'
  | 'alb'
  | 'alb-multi'
  | 'websocket'
  | 'vpc-lattice-v1'
  | 'vpc-lattice-v2'
  | 'authorizer-request'
  | 'authorizer-token'
  | 'other';

const EVENT_KINDS: ReadonlySet<string> = new Set<EventKind>([
  'apigw-v1',
  'apigw-v2',
  'function-url',
  'alb',
  'alb-multi',
  'websocket',
  'vpc-lattice-v1',
  'vpc-lattice-v2',
  'authorizer-request',
  'authorizer-token',
  'other',
]);

/** One MANIFEST row. A `-` in the file becomes `undefined` here. */
export interface ManifestRow {
  /** Path relative to the events folder. */
  file: string;
  kind: EventKind;
  httpMethod: string | undefined;
  /** The path the app receives by default, stage included for REST events. */
  defaultPath: string | undefined;
  /** The path the app receives with AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH=true. */
  routePath: string | undefined;
  /** Whether `body` is a non-empty string. */
  hasBody: boolean;
  isBase64Encoded: boolean | undefined;
  sourceRepository: string;
  sourcePath: string;
  sourceLicense: string;
}

const COLUMNS = [
  'file',
  'kind',
  'http_method',
  'default_path',
  'route_path',
  'has_body',
  'isBase64Encoded',
  'source_repository',
  'source_path',
  'source_license',
] as const;

/** Parses the MANIFEST and throws on a header or row that does not fit the columns above. */
export function readEventManifest(directory: string = EVENTS_DIRECTORY): ManifestRow[] {
  const lines = readFileSync(path.join(directory, 'MANIFEST.tsv'), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line !== '');
  const [header, ...rows] = lines;

  if (header !== COLUMNS.join('\t')) {
    throw new Error(`Unexpected MANIFEST.tsv header "${header}"; expected "${COLUMNS.join('\\t')}".`);
  }

  return rows.map((line, index) => parseRow(line, index + 2));
}

function parseRow(line: string, lineNumber: number): ManifestRow {
  const cells = line.split('\t');
  if (cells.length !== COLUMNS.length) {
    throw new Error(`MANIFEST.tsv line ${lineNumber} has ${cells.length} columns, expected ${COLUMNS.length}.`);
  }
  const cell = (index: number): string => cells[index] ?? '';
  const optional = (index: number): string | undefined => (cell(index) === '-' ? undefined : cell(index));

  const kind = cell(1);
  if (!EVENT_KINDS.has(kind)) throw new Error(`MANIFEST.tsv line ${lineNumber} has an unknown kind "${kind}".`);

  const base64Flag = optional(6);
  return {
    file: cell(0),
    kind: kind as EventKind,
    httpMethod: optional(2),
    defaultPath: optional(3),
    routePath: optional(4),
    hasBody: cell(5) === 'yes',
    isBase64Encoded: base64Flag === undefined ? undefined : base64Flag === 'true',
    sourceRepository: cell(7),
    sourcePath: cell(8),
    sourceLicense: cell(9),
  };
}

/** Reads and parses one event file of the corpus. */
export function readEvent(file: string, directory: string = EVENTS_DIRECTORY): unknown {
  return JSON.parse(readFileSync(path.join(directory, file), 'utf8'));
}
