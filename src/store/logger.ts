/** Where the cache tells an operator what happened; pino's logger fits, and tests pass one that records. */
export interface Logger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** For callers that pass no logger: events still reach `onEvent` and the status, only the log lines are dropped. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
