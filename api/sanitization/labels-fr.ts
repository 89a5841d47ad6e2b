import type { MediaKind, SanitizationCategory, SanitizationTechnique, Verification } from './nist.js';

/** French wording of the NIST vocabulary, for certificates and the public verification page. */
export const CATEGORY_FR: Record<SanitizationCategory, string> = {
  clear: 'Effacement logique (Clear)',
  purge: 'Purge',
  destroy: 'Destruction (Destroy)',
};

export const TECHNIQUE_FR: Record<SanitizationTechnique, string> = {
  overwrite_zeros: 'Écrasement par des zéros',
  overwrite_ones: 'Écrasement par des uns',
  overwrite_prng: 'Écrasement par flux pseudo-aléatoire (PRNG)',
  overwrite_dod_short: 'Écrasement DoD 5220.22-M court (3 passes)',
  overwrite_dod_full: 'Écrasement DoD 5220.22-M (7 passes)',
  overwrite_gutmann: 'Écrasement Gutmann (35 passes)',
  overwrite_other: 'Écrasement (autre méthode)',
  ata_secure_erase: 'ATA Secure Erase',
  nvme_sanitize: 'NVMe Sanitize',
  nvme_format: 'NVMe Format (effacement sécurisé)',
  crypto_erase: 'Effacement cryptographique',
  degauss: 'Démagnétisation',
  shred: 'Broyage',
  disintegrate: 'Désintégration',
};

export const VERIFICATION_FR: Record<Verification, string> = {
  none: 'aucune',
  last_pass: 'dernière passe relue',
  all_passes: 'toutes les passes relues',
};

export const MEDIA_KIND_FR: Record<MediaKind, string> = {
  hdd: 'Disque dur (HDD)',
  ssd: 'SSD SATA',
  nvme: 'SSD NVMe',
  emmc: 'Mémoire eMMC',
  other: 'Autre support',
};
