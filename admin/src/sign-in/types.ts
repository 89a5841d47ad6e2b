import type { z } from 'zod';
import type { AccessRequestSchema, OidcCallbackResponseSchema, OidcMappingSchema } from '../../../api/users/oidc/oidc.schemas.js';

export interface OidcProvider {
  id: string;
  name: string;
}
export type OidcCallbackResult = z.infer<typeof OidcCallbackResponseSchema>;
export type OidcMapping = z.infer<typeof OidcMappingSchema>;
export type AccessRequest = z.infer<typeof AccessRequestSchema>;
