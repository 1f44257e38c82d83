import { builder } from '../builder.ts';
import './date-time.ts';
import './provider-mapping.ts';
import './model.ts';
import './model-labels.ts';
import './model-connection.ts';
import './fetch-report.ts';
import './provider-figures.ts';
import './provider-report.ts';
import './provider-summary.ts';
import './catalog-status.ts';
import './refresh-schedule.ts';
import './model-change.ts';
import './snapshot-summary.ts';
import './catalog-update.ts';

export const schema = builder.toSchema({ sortSchema: true });
