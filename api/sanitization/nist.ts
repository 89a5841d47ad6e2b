/**
 * NIST SP 800-88 Rev. 1 vocabulary used by sanitization records and certificates.
 * Categories: Clear (logical overwrite), Purge (firmware-level or crypto erase, degauss),
 * Destroy (the medium no longer exists as a medium).
 */
export const SANITIZATION_CATEGORIES = ['clear', 'purge', 'destroy'] as const;
export type SanitizationCategory = (typeof SANITIZATION_CATEGORIES)[number];

export const SANITIZATION_TECHNIQUES = [
  'overwrite_zeros',
  'overwrite_ones',
  'overwrite_prng',
  'overwrite_dod_short',
  'overwrite_dod_full',
  'overwrite_gutmann',
  'overwrite_other',
  'ata_secure_erase',
  'nvme_sanitize',
  'nvme_format',
  'crypto_erase',
  'degauss',
  'shred',
  'disintegrate',
] as const;
export type SanitizationTechnique = (typeof SANITIZATION_TECHNIQUES)[number];

/** The category each technique belongs to, per NIST SP 800-88 Rev. 1 tables. */
export const TECHNIQUE_CATEGORY: Record<SanitizationTechnique, SanitizationCategory> = {
  overwrite_zeros: 'clear',
  overwrite_ones: 'clear',
  overwrite_prng: 'clear',
  overwrite_dod_short: 'clear',
  overwrite_dod_full: 'clear',
  overwrite_gutmann: 'clear',
  overwrite_other: 'clear',
  ata_secure_erase: 'purge',
  nvme_sanitize: 'purge',
  nvme_format: 'purge',
  crypto_erase: 'purge',
  degauss: 'purge',
  shred: 'destroy',
  disintegrate: 'destroy',
};

export const VERIFICATIONS = ['none', 'last_pass', 'all_passes'] as const;
export type Verification = (typeof VERIFICATIONS)[number];

export const MEDIA_KINDS = ['hdd', 'ssd', 'nvme', 'emmc', 'other'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const SANITIZATION_RESULTS = ['success', 'failure'] as const;
export type SanitizationResult = (typeof SANITIZATION_RESULTS)[number];
