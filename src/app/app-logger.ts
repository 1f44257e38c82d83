/** Where the app reports what its clients cannot see: a pino logger fits, and tests pass a recorder. */
export interface AppLogger {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
  info?(details: object, message: string): void;
}

export const silentLogger: AppLogger = { error: () => {}, warn: () => {} };
