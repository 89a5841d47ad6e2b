import type { SanitizationResult, SanitizationTechnique, Verification } from '../nist.js';

/** One disk as nwipe reported it (log summary row or JSON report). */
export interface NwipeDiskResult {
  /** Disk serial, trimmed + upper-case; null if nwipe did not know it (or it was anonymised with -q). */
  serialNumber: string | null;
  model: string | null;
  /** e.g. /dev/sda */
  devicePath: string | null;
  capacityBytes: number | null;
  /** nwipe's own method name, e.g. "DoD Short"; empty when the source does not say (first JSON format). */
  method: string;
  /** null for verify-only methods (not a wipe) and for a method the source does not name. */
  technique: SanitizationTechnique | null;
  rounds: number | null;
  /** Overwrite passes per round when known from the method. */
  passes: number | null;
  verification: Verification;
  blanking: boolean | null;
  prng: string | null;
  /** ISO 8601 with the Europe/Paris offset (nwipe writes local time without a zone). */
  startedAt: string | null;
  finishedAt: string | null;
  /** 'success' only if nwipe says Erased with 0 pass, 0 verify and 0 sync errors. */
  result: SanitizationResult;
  /** nwipe's status word as printed ("Erased", "FAILED", "UABORTED"...); empty when no summary row exists. */
  status: string;
  /** French, human-readable: error counts, abort, error lines found in the log for this disk. */
  errors: string | null;
  throughput: string | null;
  duration: string | null;
}

export interface NwipeReport {
  tool: 'nwipe';
  /** e.g. "0.35" */
  toolVersion: string | null;
  /** The computer's system serial (dmidecode system-serial-number), upper-case; null if absent or a placeholder. */
  hostSerial: string | null;
  disks: NwipeDiskResult[];
  /** Disks the log enumerates but no run wiped (a log cut before the wipe, a disk left unselected). */
  disksNotWiped?: { devicePath: string; serialNumber: string | null; model: string | null }[];
  /** Anything not understood, in French, for the user. */
  warnings: string[];
}
