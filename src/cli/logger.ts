import { pino } from 'pino';

/** JSON lines on stderr; credentials are censored even if a caller passes them by mistake. */
export const logger = pino(
  {
    name: 'hubcat',
    redact: {
      paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
  },
  pino.destination(2),
);
