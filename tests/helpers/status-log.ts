import { appendFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { findOperation } from '../../api/core/routes.js';

/**
 * Where the apps under test write every (operation, status) they answer (`REEMPLOI_STATUS_LOG`),
 * one file per test run: named after the main vitest process, which both
 * vitest.config.ts (giving it to the test workers) and the global setup (reading it) run in.
 */
export const statusLogPath = () => path.resolve('tests/.tmp', `answered-statuses-${process.pid}.log`);

/**
 * The app, wrapped so that every answer to a declared operation is logged with whether the OpenAPI
 * document lists its status (the global setup fails the run on one it does not).
 */
export function recordingStatuses(app: Express): Express {
  const file = process.env.REEMPLOI_STATUS_LOG;
  if (!file) return app;
  const outer = express();
  outer.use((req, res, next) => {
    const operation = req.path.startsWith('/api/') ? findOperation(req.method, req.path.slice('/api'.length)) : undefined;
    if (operation) {
      res.on('finish', () => appendFileSync(file, `${operation.operationId} ${res.statusCode} ${operation.statuses.includes(res.statusCode) ? 'documented' : 'undocumented'}\n`));
    }
    next();
  });
  outer.use(app);
  return outer;
}
