/** What nwipe -q (--quiet) prints instead of serials (device.c): X's when known, ?'s when not obtainable. */
function isAnonymised(value: string): boolean {
  return /^X{6,}$/i.test(value) || /^\?{3,}$/.test(value);
}

export interface CleanedSerial {
  serial: string | null;
  anonymised: boolean;
}

/** Disk serial: trimmed, upper-case; null when empty, "Unknown" (create_pdf.c) or anonymised. */
export function cleanDiskSerial(raw: string | null | undefined): CleanedSerial {
  const value = (raw ?? '').trim();
  if (isAnonymised(value)) return { serial: null, anonymised: true };
  if (value === '' || /^unknown(_serial)?$/i.test(value)) return { serial: null, anonymised: false };
  return { serial: value.toUpperCase(), anonymised: false };
}

// Values firmware vendors leave in SMBIOS instead of a real serial; dmidecode prints them verbatim.
const HOST_SERIAL_PLACEHOLDERS = new Set([
  'to be filled by o.e.m.',
  'default string',
  'system serial number',
  'chassis serial number',
  'serial number',
  'not specified',
  'not applicable',
  'not available',
  'none',
  'n/a',
  'na',
  'invalid',
  '0',
  '00000000',
  '0123456789',
  '123456789',
]);

export type HostSerialReading =
  | { kind: 'serial'; serial: string }
  | { kind: 'placeholder'; raw: string }
  | { kind: 'anonymised' }
  | { kind: 'empty' };

/** System serial from "system-serial-number = ..." (nwipe_log_sysinfo) or the JSON report's system section. */
export function readHostSerial(raw: string | null | undefined): HostSerialReading {
  const value = (raw ?? '').trim();
  if (value === '') return { kind: 'empty' };
  if (isAnonymised(value)) return { kind: 'anonymised' };
  if (HOST_SERIAL_PLACEHOLDERS.has(value.toLowerCase())) return { kind: 'placeholder', raw: value };
  return { kind: 'serial', serial: value.toUpperCase() };
}

export function hostSerialWarning(reading: HostSerialReading): string | null {
  if (reading.kind === 'placeholder') {
    return `Numéro de série de l'ordinateur non renseigné par le fabricant (« ${reading.raw} ») : à relever sur l'étiquette.`;
  }
  if (reading.kind === 'anonymised') {
    return "Numéro de série de l'ordinateur masqué (nwipe lancé avec -q) : à relever sur l'étiquette.";
  }
  return null;
}

/** "1853 MB" → "1853 MB/s"; nwipe's summary already prints "/s", the JSON throughput_text does not. */
export function normaliseThroughput(raw: string | null | undefined): string | null {
  const value = (raw ?? '').trim().replace(/\s+/g, ' ');
  if (value === '') return null;
  return value.endsWith('/s') ? value : `${value}/s`;
}
