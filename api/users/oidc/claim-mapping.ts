import type { Role } from '../../core/permissions.js';

/**
 * One rule an admin writes: « when the claim `groups` holds GG-REEMPLOI-TECH, the role is
 * it_staff »; « when `department` is UTPAS Roubaix, the territory is UTPAS Roubaix ».
 */
export interface ClaimMapping {
  id: number;
  /** Null: the rule applies to every provider. */
  provider: string | null;
  /** A claim's name; a dotted path reads inside an object (Keycloak's `realm_access.roles`). */
  claim: string;
  value: string;
  role: Role | null;
  territory: string | null;
  /** Lower first: when two rules give a role, the first one wins. */
  priority: number;
}

export interface MappedAccess {
  role: Role | null;
  territory: string | null;
}

/** The claim's values as strings: one for a string or number, each string of an array. */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  const values = Array.isArray(value) ? value : [value];
  return values.filter((item) => typeof item === 'string' || typeof item === 'number').map((item) => String(item));
}

/** Group names compare without case or surrounding spaces: directories do (« gg-reemploi-tech » is the same group). */
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The role and territory the rules give an agent: the first matching rule (by priority) that gives
 * a role, and the first that gives a territory. Nothing matches: no role (the agent waits for an admin).
 */
export function mapClaims(rules: ClaimMapping[], provider: string, claims: Record<string, unknown>): MappedAccess {
  const matching = [...rules]
    .sort((a, b) => a.priority - b.priority || a.id - b.id)
    .filter((rule) => (rule.provider === null || rule.provider === provider) && claimValues(claims, rule.claim).some((value) => same(value, rule.value)));
  return {
    role: matching.find((rule) => rule.role)?.role ?? null,
    territory: matching.find((rule) => rule.territory)?.territory ?? null,
  };
}

/** A social worker without a territory would see nobody: the access is not complete, an admin decides. */
export function isCompleteAccess(access: MappedAccess): access is { role: Role; territory: string | null } {
  return access.role !== null && (access.role !== 'social_worker' || access.territory !== null);
}
