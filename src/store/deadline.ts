/** A store call that did not answer in time; the cache treats it like any other unavailable store. */
export class StoreTimeoutError extends Error {
  override readonly name = 'StoreTimeoutError';
}
