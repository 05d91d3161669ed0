/**
 * Stage and base-path handling for the path the app sees. Encoding is not
 * decided here: the result goes through `escapePath` in `uri.ts`.
 */

/**
 * Removes `prefix` from the start of `path` when it matches whole segments:
 * `/api` strips `/api` and `/api/x`, never `/apix`. An emptied path becomes `/`.
 */
export function stripPathPrefix(path: string, prefix: string): string {
  if (prefix === '' || prefix === '/') return path;
  if (path === prefix) return '/';
  if (path.startsWith(prefix) && path.charCodeAt(prefix.length) === 0x2f /* / */) {
    return path.slice(prefix.length);
  }
  return path;
}

/**
 * Tells whether `stage` is a named stage that API Gateway puts in the URL.
 * The `$default` stage never appears in the path.
 */
export function isNamedStage(stage: string | undefined): stage is string {
  return stage !== undefined && stage !== '' && stage !== '$default';
}

/**
 * Normalises a `basePath` option: a leading `/`, no trailing `/`, and `''`
 * for none.
 */
export function normaliseBasePath(basePath: string): string {
  let path = basePath.trim();
  while (path.endsWith('/')) path = path.slice(0, -1);
  if (path === '') return '';
  return path.startsWith('/') ? path : `/${path}`;
}
