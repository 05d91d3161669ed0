import type { ResponseSnapshot } from '../sources/types.js';

/**
 * The receiver of how one exchange ends: the response finishes normally, or
 * the app tears the exchange down by destroying the response or the socket.
 */
export interface ExchangeSink {
  /** Receives what the app wrote once it ends the response. */
  finish(snapshot: ResponseSnapshot): void;
  /** Called when the app destroys the response or the socket before ending the response. */
  abort(error: Error | undefined): void;
}
