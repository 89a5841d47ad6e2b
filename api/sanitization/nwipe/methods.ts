import type { SanitizationTechnique, Verification } from '../nist.js';

export interface MethodDescription {
  technique: SanitizationTechnique | null;
  /** Overwrite passes per round (0 for verify-only methods, null when the method does not overwrite from the host). */
  passes: number | null;
  /** A French note when the mapping is a judgement call or the method is unknown. */
  warning: string | null;
  /** Whether the method draws from nwipe's PRNG (create_pdf.c prints "Not applicable to method" otherwise). */
  usesPrng: boolean;
}

function isNvme(devicePath: string | null): boolean {
  return devicePath !== null && devicePath.includes('nvme');
}

function overwrite(technique: SanitizationTechnique, passes: number, usesPrng: boolean): MethodDescription {
  return { technique, passes, warning: null, usesPrng };
}

/**
 * Maps nwipe's method label (method.c, nwipe_method_label) to the NIST technique.
 * Labels changed across versions: "Quick Erase" (old method.c), "Zero Fill" (0.28 logs), "Fill With Zeros" (later);
 * later revisions added Bruce Schneier, BMB21-2019 and, most recently, Secure Erase and Sanitize methods.
 * Pass counts are the pattern arrays of method.c (OPS-II: 8 per round, plus a final random pass).
 */
export function describeMethod(label: string, devicePath: string | null): MethodDescription {
  const name = label.toLowerCase().replace(/\s+/g, ' ').trim();

  if (name === '') {
    // the method line is missing (log cut in the middle, first JSON format): an erasure all the same, to review
    return { technique: 'overwrite_other', passes: null, warning: null, usesPrng: false };
  }
  if (name.startsWith('verify zero') || name.startsWith('verify one')) {
    return { technique: null, passes: 0, warning: null, usesPrng: false };
  }
  if (name.startsWith('secure erase')) {
    // nwipe_secure_erase: hdparm --security-erase for ATA, "nvme format" with secure erase for NVMe.
    const technique = isNvme(devicePath) ? 'nvme_format' : 'ata_secure_erase';
    return { technique, passes: null, warning: null, usesPrng: name.includes('prng') };
  }
  if (name.startsWith('sanitize crypto')) return { technique: 'crypto_erase', passes: null, warning: null, usesPrng: false };
  if (name.startsWith('sanitize block')) return describeSanitize(label, devicePath, 'ata_secure_erase');
  if (name.startsWith('sanitize overwrite')) return describeSanitize(label, devicePath, 'overwrite_other');
  if (name.includes('dod short')) return overwrite('overwrite_dod_short', 3, true);
  if (name.includes('dod 5220') || name.includes('dod522022m')) return overwrite('overwrite_dod_full', 7, true);
  if (name.includes('gutmann')) return overwrite('overwrite_gutmann', 35, true);
  if (name.includes('ops-ii') || name.includes('ops2')) return overwrite('overwrite_other', 8, true);
  if (name.includes('is5')) return overwrite('overwrite_other', 3, true);
  if (name.includes('schneier')) return overwrite('overwrite_other', 7, true);
  if (name.includes('bmb')) return overwrite('overwrite_other', 6, true);
  if (name.includes('prng') || name.includes('random')) return overwrite('overwrite_prng', 1, true);
  if (name.includes('zero') || name.includes('quick erase')) return overwrite('overwrite_zeros', 1, false);
  if (/\bones?\b/.test(name)) return overwrite('overwrite_ones', 1, false);

  return {
    technique: 'overwrite_other',
    passes: null,
    warning: `Méthode nwipe inconnue « ${label} » : enregistrée comme « overwrite_other », à vérifier.`,
    usesPrng: false,
  };
}

/** NIST has no generic "sanitize" technique in our enum: NVMe maps to nvme_sanitize, other buses need a human check. */
function describeSanitize(
  label: string,
  devicePath: string | null,
  nonNvmeTechnique: SanitizationTechnique,
): MethodDescription {
  if (isNvme(devicePath)) return { technique: 'nvme_sanitize', passes: null, warning: null, usesPrng: false };
  return {
    technique: nonNvmeTechnique,
    passes: null,
    warning: `Méthode « ${label} » sur ${devicePath ?? 'un disque non NVMe'} : enregistrée comme « ${nonNvmeTechnique} », à vérifier.`,
    usesPrng: false,
  };
}

/**
 * Reads a verification setting in any of nwipe's spellings: options log "1 (last pass)", summary footer
 * "VL"/"VA"/"NV", PDF "Verify Last", GUI "Verify All Passes", "Verification Off". Null if not understood.
 */
export function parseVerification(text: string): Verification | null {
  const value = text.trim().toLowerCase();
  if (value === 'va' || value.includes('all')) return 'all_passes';
  if (value === 'vl' || value.includes('last')) return 'last_pass';
  if (value === 'nv' || value.includes('off') || value.includes('none') || value === '0') return 'none';
  return null;
}
