import { useState } from 'react';
import { SANITIZATION_TECHNIQUES, VERIFICATIONS } from '../../../api/sanitization/nist.js';
import type { SanitizationTechnique, Verification } from './types.js';

/** What the "Effacé ✔" button records, kept per depot computer (each bench has its own tool). */
export interface DefaultMethod {
  technique: SanitizationTechnique;
  tool: string;
  toolVersion: string;
  passes: number | null;
  verification: Verification;
  /** For "Détruit (broyage)". */
  destroyTool: string;
}

const KEY = 'reemploi.wiping.method';

/** nwipe's default on ShredOS: one PRNG pass, last pass read back. */
export const INITIAL_METHOD: DefaultMethod = {
  technique: 'overwrite_prng',
  tool: 'nwipe',
  toolVersion: '',
  passes: 1,
  verification: 'last_pass',
  destroyTool: 'Broyeur',
};

function read(): DefaultMethod {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<DefaultMethod> | null;
    if (!stored) return INITIAL_METHOD;
    const method = { ...INITIAL_METHOD, ...stored };
    // an old or hand-edited value must not send something the API refuses
    if (!SANITIZATION_TECHNIQUES.includes(method.technique)) method.technique = INITIAL_METHOD.technique;
    if (!VERIFICATIONS.includes(method.verification)) method.verification = INITIAL_METHOD.verification;
    return method;
  } catch {
    return INITIAL_METHOD;
  }
}

export function useDefaultMethod(): [DefaultMethod, (change: Partial<DefaultMethod>) => void] {
  const [method, setMethod] = useState<DefaultMethod>(read);
  const update = (change: Partial<DefaultMethod>) => {
    setMethod((current) => {
      const next = { ...current, ...change };
      localStorage.setItem(KEY, JSON.stringify(next));
      return next;
    });
  };
  return [method, update];
}
