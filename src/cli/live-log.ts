import type { Logger } from 'pino';
import type { LiveEvent } from '../live/index.ts';

/** Failures a person must see are warnings; the routine (what changed, a delivery, the next refresh) is info/debug. */
export function logLiveEvent(logger: Logger, event: LiveEvent): void {
  switch (event.type) {
    case 'changes-recorded':
    case 'webhook-delivered':
      logger.info(event, event.type);
      break;
    case 'refresh-scheduled':
      logger.debug(event, event.type);
      break;
    case 'history-record-set-aside':
      break; // the app's own log says so, with the record and why

    default:
      logger.warn(event, event.type);
  }
}
