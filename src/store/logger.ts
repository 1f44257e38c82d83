/** Where hubcat's parts (cache, live side, lifecycle, rate limit) tell an operator what happened; pino fits. */
export interface Logger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** For callers that pass no logger: events still reach `onEvent` and the status, only the log lines are dropped. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
