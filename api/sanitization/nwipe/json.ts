import { describeMethod, parseVerification } from './methods.js';
import { epochSecondsToParisIso, formatDuration } from './time.js';
import type { NwipeDiskResult, NwipeReport } from './types.js';
import { cleanDiskSerial, hostSerialWarning, normaliseThroughput, readHostSerial, type HostSerialReading } from './values.js';
import { countOf } from '../../core/french.js';

/*
 * nwipe's JSON report (create_json.c, one file per disk, written since the 2026 development versions).
 * Two revisions exist in nwipe's history:
 *  - the first one (fprintf): report_metadata{generated_at, software, version}, organization{business_name},
 *    device{name, model, serial_no, size_bytes, size_text},
 *    wipe_result{status "success"|"failure", rounds_requested, pass_errors, verify_errors, start_time, end_time,
 *    duration_seconds}. "status" only reflects wipe_status == 0, hence the error counts must be checked too.
 *  - the cJSON one: report_schema "org.nwipe.report.v1", system{system_serial_number, ...},
 *    device{name, model, serial_number, size_bytes, ...}, wipe{errors{pass, verify, round, fsyncdata}, successful,
 *    status, status_text, method, prng, verify, rounds_requested, rounds_completed, throughput_text,
 *    start_time, end_time (Unix seconds), duration_seconds, duration_text}.
 */

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(parent: JsonObject, key: string): JsonObject {
  const value = parent[key];
  return isObject(value) ? value : {};
}

function stringAt(parent: JsonObject, key: string): string | null {
  const value = parent[key];
  return typeof value === 'string' ? value : null;
}

function numberAt(parent: JsonObject, key: string): number | null {
  const value = parent[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function isNwipeReport(value: unknown): value is JsonObject {
  if (!isObject(value)) return false;
  const metadata = objectAt(value, 'report_metadata');
  const schema = stringAt(value, 'report_schema') ?? '';
  return (
    stringAt(metadata, 'software') === 'nwipe' ||
    schema.startsWith('org.nwipe.') ||
    (isObject(value.device) && (isObject(value.wipe) || isObject(value.wipe_result)))
  );
}

interface ReportContext {
  warnings: string[];
  hostSerial: HostSerialReading;
  toolVersion: string | null;
}

function errorsText(status: string, pass: number, verify: number, sync: number): string | null {
  const parts: string[] = [];
  if (pass > 0) parts.push(`${countOf(pass, 'erreur')} d'écriture (pass errors)`);
  if (verify > 0) parts.push(`${countOf(verify, 'erreur')} de vérification (verify errors)`);
  if (sync > 0) parts.push(`${countOf(sync, 'erreur')} d'entrée/sortie à la synchronisation (fdatasync)`);
  const word = status.toUpperCase();
  if (word === 'ABORTED' || word === 'UABORTED') parts.push("effacement interrompu par l'utilisateur");
  else if (parts.length === 0 && word !== 'ERASED' && word !== 'SUCCESS') parts.push(`nwipe indique « ${status || 'échec'} »`);
  return parts.length === 0 ? null : parts.join(' ; ');
}

function diskFromCjsonReport(report: JsonObject, context: ReportContext): NwipeDiskResult {
  const device = objectAt(report, 'device');
  const wipe = objectAt(report, 'wipe');
  const errors = objectAt(wipe, 'errors');
  const devicePath = stringAt(device, 'name');
  const method = stringAt(wipe, 'method') ?? '';
  const described = describeMethod(method, devicePath);
  if (described.warning !== null) context.warnings.push(described.warning);

  const pass = numberAt(errors, 'pass') ?? 0;
  const verify = numberAt(errors, 'verify') ?? 0;
  const sync = numberAt(errors, 'fsyncdata') ?? 0;
  // status_text is the summary table's word (logging.c: ERASED, FAILED, ABORTED, INSANITY).
  const status = stringAt(wipe, 'status_text') || stringAt(wipe, 'status') || '';
  const statusSaysErased = ['ERASED', 'SUCCESS'].includes(status.toUpperCase());
  const succeeded = statusSaysErased && wipe.successful !== false && pass === 0 && verify === 0 && sync === 0;

  const verification = parseVerification(stringAt(wipe, 'verify') ?? '');
  if (verification === null) context.warnings.push(verificationWarning(devicePath));
  const durationSeconds = numberAt(wipe, 'duration_seconds');

  return {
    serialNumber: serialOf(stringAt(device, 'serial_number'), devicePath, context),
    model: stringAt(device, 'model')?.trim() || null,
    devicePath,
    capacityBytes: numberAt(device, 'size_bytes'),
    method,
    technique: method === '' ? null : described.technique,
    rounds: numberAt(wipe, 'rounds_requested'),
    passes: described.passes,
    verification: verification ?? 'none',
    blanking: null, // the JSON report does not say whether the final zero pass ran
    prng: described.usesPrng ? stringAt(wipe, 'prng')?.trim() || null : null,
    startedAt: epochSecondsToParisIso(numberAt(wipe, 'start_time') ?? 0),
    finishedAt: epochSecondsToParisIso(numberAt(wipe, 'end_time') ?? 0),
    result: succeeded ? 'success' : 'failure',
    status,
    errors: errorsText(status, pass, verify, sync),
    throughput: normaliseThroughput(stringAt(wipe, 'throughput_text')),
    duration: stringAt(wipe, 'duration_text') || (durationSeconds === null ? null : formatDuration(durationSeconds)),
  };
}

function diskFromFirstReport(report: JsonObject, context: ReportContext): NwipeDiskResult {
  const device = objectAt(report, 'device');
  const result = objectAt(report, 'wipe_result');
  const devicePath = stringAt(device, 'name');
  const pass = numberAt(result, 'pass_errors') ?? 0;
  const verify = numberAt(result, 'verify_errors') ?? 0;
  const status = stringAt(result, 'status') ?? '';
  const durationSeconds = numberAt(result, 'duration_seconds');
  context.warnings.push(
    `Rapport JSON de ${devicePath ?? 'disque inconnu'} : la méthode et le mode de vérification n'y figurent pas (ancien format de create_json.c), à compléter.`,
  );

  return {
    serialNumber: serialOf(stringAt(device, 'serial_no'), devicePath, context),
    model: stringAt(device, 'model')?.trim() || null,
    devicePath,
    capacityBytes: numberAt(device, 'size_bytes'),
    method: '',
    technique: null,
    rounds: numberAt(result, 'rounds_requested'),
    passes: null,
    verification: 'none',
    blanking: null,
    prng: null,
    startedAt: epochSecondsToParisIso(numberAt(result, 'start_time') ?? 0),
    finishedAt: epochSecondsToParisIso(numberAt(result, 'end_time') ?? 0),
    // "success" there only means the wipe thread ended (wipe_status == 0): the error counts decide.
    result: status === 'success' && pass === 0 && verify === 0 ? 'success' : 'failure',
    status,
    errors: errorsText(status, pass, verify, 0),
    throughput: null,
    duration: durationSeconds === null ? null : formatDuration(durationSeconds),
  };
}

function serialOf(raw: string | null, devicePath: string | null, context: ReportContext): string | null {
  const cleaned = cleanDiskSerial(raw);
  if (cleaned.anonymised) {
    context.warnings.push(
      `Numéro de série du disque ${devicePath ?? ''} masqué (nwipe lancé avec -q) : à relever sur l'étiquette du disque.`,
    );
  }
  return cleaned.serial;
}

function verificationWarning(devicePath: string | null): string {
  return `Rapport JSON de ${devicePath ?? 'disque inconnu'} : mode de vérification non compris, enregistré comme « aucune vérification ».`;
}

function readReport(report: JsonObject, context: ReportContext): NwipeDiskResult {
  const version = stringAt(objectAt(report, 'report_metadata'), 'version');
  if (version !== null && version.trim() !== '') context.toolVersion = version.trim();
  const system = objectAt(report, 'system');
  const host = readHostSerial(stringAt(system, 'system_serial_number'));
  if (host.kind !== 'empty') context.hostSerial = host;
  return isObject(report.wipe) ? diskFromCjsonReport(report, context) : diskFromFirstReport(report, context);
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Rapport JSON nwipe illisible : ${reason}`);
  }
}

/** Parses one JSON report written by nwipe (or an array of them, one per disk). */
export function parseNwipeJson(text: string): NwipeReport {
  const parsed = parseJsonText(text);
  const reports = Array.isArray(parsed) ? parsed : [parsed];
  if (reports.length === 0 || !reports.every(isNwipeReport)) {
    throw new Error("Ce fichier JSON n'est pas un rapport nwipe (clés « report_metadata », « device », « wipe » attendues).");
  }
  const context: ReportContext = { warnings: [], hostSerial: { kind: 'empty' }, toolVersion: null };
  const disks = reports.map((report) => readReport(report, context));
  const hostWarning = hostSerialWarning(context.hostSerial);
  if (hostWarning !== null) context.warnings.push(hostWarning);
  return {
    tool: 'nwipe',
    toolVersion: context.toolVersion,
    hostSerial: context.hostSerial.kind === 'serial' ? context.hostSerial.serial : null,
    disks,
    warnings: [...new Set(context.warnings)],
  };
}
