import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

declare module 'express-serve-static-core' {
  interface Request {
    /** This request's id: answered in X-Request-Id, written in its log line and in the administration log. */
    id?: string;
    /** The app's logger, for this request's unexpected errors (core/errors.ts). */
    log?: Logger;
  }
}

/**
 * One log line per request, once its response has ended: its id, method and path, who, the status
 * and the time taken; never the query string (it may hold names searched for), the headers
 * (tokens) or the bodies (personal data). A 5xx is written at error level. Written here rather
 * than with pino-http, which builds two child loggers per request: 4 % of the API's CPU on the
 * scan + transition load (bench/README.md, round 3).
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = randomUUID();
    req.id = id;
    req.log = logger;
    res.setHeader('X-Request-Id', id);
    if (req.url !== '/api/health') {
      const started = Date.now();
      res.once('close', () => {
        const line = {
          req: { id, method: req.method, path: req.originalUrl.split('?')[0] },
          userId: req.user?.id,
          res: { statusCode: res.statusCode },
          responseTime: Date.now() - started,
        };
        if (!res.writableFinished) logger.info(line, 'request aborted');
        else if (res.statusCode >= 500) logger.error(line, 'request errored');
        else logger.info(line, 'request completed');
      });
    }
    next();
  };
}
