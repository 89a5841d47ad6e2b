import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import type { Notifier } from '../notifications/notify.js';

/** What every route module receives from `createApp`: no module-global state. */
export interface AppContext {
  orm: MikroORM;
  config: AppConfig;
  logger: Logger;
  /** The request-scoped entity manager (RequestContext). */
  em(): EntityManager;
  /** Tells users what happened (in-app, and e-mail when SMTP is configured), inside the caller's transaction. */
  notifier: Notifier;
}
