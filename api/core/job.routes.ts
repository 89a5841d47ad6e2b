import { Router } from 'express';
import type { AppContext } from './context.js';
import { notFound } from './errors.js';
import { runJob, type JobHandler } from './job-runner.js';
import { route } from './routes.js';
import { auditAction } from '../admin-log/admin-log.js';
import { currentUser } from './auth.js';

/** Lets an admin run a scheduled job now (and the tests prove each job's effect). */
export function jobRoutes(ctx: AppContext, jobs: Record<string, JobHandler>): Router {
  const router = Router();
  route(
    router,
    { method: 'post', path: '/jobs/:name/run', operationId: 'runJob', access: { action: 'edit', resource: 'jobs' }, errors: [404], summary: `Lancer maintenant une tâche planifiée (${Object.keys(jobs).join(', ')})`, tag: 'Administration' },
    async (req, res) => {
      const name = String(req.params.name);
      const handler = jobs[name];
      if (!handler) throw notFound(`Tâche « ${name} »`);
      // the log line is written in the job's own transaction: a job that fails leaves no line saying it ran
      res.json(await runJob(ctx.orm, name, async (tx) => {
        const result = await handler(tx);
        auditAction(tx, { action: 'job_run', actor: currentUser(req), targetType: 'jobs', targetId: name, details: { result } });
        await tx.flush();
        return result;
      }));
    },
  );
  return router;
}
