import type { z } from 'zod';
import type { AdminLogEntrySchema } from '../../../api/admin-log/admin-log.routes.js';

/** One line of GET /api/admin-log (the route's serializer is typed by this schema). */
export type AdminLogEntry = z.output<typeof AdminLogEntrySchema>;
