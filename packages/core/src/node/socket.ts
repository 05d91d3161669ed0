/**
 * A stand-in for the TCP socket under a request. Frameworks read the client
 * address and `encrypted` from it, and some attach `error` and `close`
 * listeners, so it is an EventEmitter; it carries no bytes.
 */
import { EventEmitter } from 'node:events';
import { isIP } from 'node:net';
import type { ExchangeSink } from './sink.js';

export class LambdaSocket extends EventEmitter {
  readonly remoteAddress: string | undefined;
  /** `true` when the client used HTTPS, as on a TLS socket; Express and Koa read it for the protocol. */
  readonly encrypted: boolean;
  readable = true;
  writable = true;
  destroyed = false;
  /** Bytes waiting to be written: always none, since nothing is written here. */
  readonly writableLength = 0;
  readonly #sink: ExchangeSink;

  constructor(remoteAddress: string | undefined, encrypted: boolean, sink: ExchangeSink) {
    super();
    this.remoteAddress = remoteAddress;
    this.encrypted = encrypted;
    this.#sink = sink;
  }

  get remoteFamily(): string | undefined {
    if (this.remoteAddress === undefined) return undefined;
    const version = isIP(this.remoteAddress);
    if (version === 4) return 'IPv4';
    if (version === 6) return 'IPv6';
    return undefined;
  }

  get remotePort(): number | undefined {
    return undefined;
  }

  // Flow control and socket options have nothing to act on.
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  cork(): void {}
  uncork(): void {}

  address(): Record<string, never> {
    return {};
  }

  /** Discards bytes: responses are recorded by the response object, never written here. */
  write(): boolean {
    return true;
  }

  end(): this {
    this.writable = false;
    return this;
  }

  /**
   * Closes the connection: apps and frameworks do this to abort an exchange
   * (Express's final handler does when an error follows the first byte), so
   * the invocation is notified at once instead of waiting for its deadline.
   */
  destroy(error?: Error): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    this.readable = false;
    this.writable = false;
    this.#sink.abort(error);
    process.nextTick(() => {
      if (error !== undefined && this.listenerCount('error') > 0) this.emit('error', error);
      this.emit('close', error !== undefined);
    });
    return this;
  }
}
