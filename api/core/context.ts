import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';

/** What every route module receives from `createApp`: no module-global state. */
export interface AppContext {
  orm: MikroORM;
  config: AppConfig;
  logger: Logger;
  /** The request-scoped entity manager (RequestContext). */
  em(): EntityManager;
}
