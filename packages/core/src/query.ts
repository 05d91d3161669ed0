/**
 * The query string parameters of a request as a read-only multi-map, and the
 * parser for `application/x-www-form-urlencoded` text that payload 2.0 query
 * strings and form bodies share.
 */
import { decodeFormComponent } from './uri.js';

/**
 * What a `QueryMap` can be built from: an object whose values are one string
 * or a list of strings (`undefined` values are skipped, as in the maps of
 * `@types/aws-lambda`), or any iterable of `[name, value]` pairs, such as a
 * `Map`, a `URLSearchParams` or another `QueryMap`.
 */
export type QueryMapInit =
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | Iterable<readonly [name: string, value: string]>;

/**
 * Query string parameters: each name with its values in the order the request
 * sent them. Names are case-sensitive. The map is read-only.
 *
 * Iterating yields one `[name, value]` pair per value, so a name sent twice
 * appears twice.
 *
 * @example
 * ```ts
 * const query = new QueryMap('tags=a&tags=b&q=x');
 * query.first('tags'); // 'a'
 * query.all('tags');   // ['a', 'b']
 * query.first('none'); // undefined
 * ```
 */
export class QueryMap implements Iterable<[name: string, value: string]> {
  readonly #values = new Map<string, string[]>();

  /**
   * Creates a map from decoded names and values. A string argument is parsed
   * as `application/x-www-form-urlencoded` text, so `+` is a space and `%XX`
   * escapes are decoded.
   */
  constructor(init: QueryMapInit | string = {}) {
    if (typeof init === 'string') {
      for (const [name, value] of parseFormEncoded(init)) this.#add(name, value);
    } else if (isIterable(init)) {
      for (const [name, value] of init) this.#add(name, value);
    } else {
      for (const name of Object.keys(init)) {
        const value = init[name];
        if (value === undefined) continue;
        if (typeof value === 'string') this.#add(name, value);
        else for (const item of value) this.#add(name, item);
      }
    }
  }

  /** Returns the first value of `name`, or `undefined` when the request did not send it. */
  first(name: string): string | undefined {
    return this.#values.get(name)?.[0];
  }

  /** Returns every value of `name` in request order; an empty array when the request did not send it. */
  all(name: string): string[] {
    const values = this.#values.get(name);
    return values === undefined ? [] : values.slice();
  }

  /** Tells whether the request sent `name`, with any value. */
  has(name: string): boolean {
    return this.#values.has(name);
  }

  /** The number of distinct names. */
  get size(): number {
    return this.#values.size;
  }

  /** Returns the distinct names in the order they first appeared. */
  keys(): IterableIterator<string> {
    return this.#values.keys();
  }

  /** Returns one `[name, value]` pair per value. */
  *entries(): IterableIterator<[name: string, value: string]> {
    for (const [name, values] of this.#values) {
      for (const value of values) yield [name, value];
    }
  }

  [Symbol.iterator](): IterableIterator<[name: string, value: string]> {
    return this.entries();
  }

  #add(name: string, value: string): void {
    const values = this.#values.get(name);
    if (values === undefined) this.#values.set(name, [value]);
    else values.push(value);
  }
}

/**
 * Splits `application/x-www-form-urlencoded` text into decoded `[name, value]`
 * pairs, as the WHATWG URL standard's parser does: pairs are separated by
 * `&`, empty pairs are skipped, a pair without `=` has the value `''`, and
 * each name and value goes through `decodeFormComponent`.
 */
export function parseFormEncoded(text: string): Array<[name: string, value: string]> {
  const pairs: Array<[string, string]> = [];
  if (text === '') return pairs;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    if (equals === -1) pairs.push([decodeFormComponent(pair), '']);
    else pairs.push([decodeFormComponent(pair.slice(0, equals)), decodeFormComponent(pair.slice(equals + 1))]);
  }
  return pairs;
}

function isIterable(value: object): value is Iterable<readonly [string, string]> {
  return typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
}
