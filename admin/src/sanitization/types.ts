import type { z } from 'zod';
import type { JsonOf } from '../../../api/core/json.js';
import type {
  MediaKind,
  SanitizationCategory,
  SanitizationResult,
  SanitizationTechnique,
  Verification,
} from '../../../api/sanitization/nist.js';
import type { LogImportReport } from '../../../api/sanitization/log-import.js';
import type { serializeSanitization } from '../../../api/sanitization/sanitization.routes.js';
import type { MediumSchema, SanitizationCreateSchema } from '../../../api/sanitization/sanitization.schemas.js';

export type { MediaKind, SanitizationCategory, SanitizationResult, SanitizationTechnique, Verification, LogImportReport };

/** A storage medium (`GET /api/media`): its serializer stays inside sanitization.routes.ts; the routes declare this schema. */
export type Medium = z.output<typeof MediumSchema>;

/** One wipe (or destruction) of one medium (`GET /api/sanitizations`), append-only. */
export type SanitizationRecord = JsonOf<ReturnType<typeof serializeSanitization>>;
export type SanitizationSource = SanitizationRecord['source'];

/** `POST /api/sanitizations`, as sent (dates as ISO strings). */
export type SanitizationInput = z.input<typeof SanitizationCreateSchema>;
