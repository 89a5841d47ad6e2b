import type { Verification } from '../nist.js';
import { devicePathsIn, localTimeOf, parseTimestampedLine, splitLogLines, type TimestampedLine } from './lines.js';
import { describeMethod, parseVerification } from './methods.js';
import { parseErrorRow, parseStatusRow, splitModelSerial, type StatusRow } from './summary.js';
import { epochSecondsToParisIso, isoToEpochMs, parisLocalTimeToIso } from './time.js';
import type { NwipeDiskResult, NwipeReport } from './types.js';
import { cleanDiskSerial, hostSerialWarning, readHostSerial, type HostSerialReading } from './values.js';
import { countOf } from '../../core/french.js';

interface ErrorCounts {
  pass: number;
  verify: number;
  sync: number;
}

/** What the enumeration lines say about a device (device.c check_device, nwipe.c). */
interface DeviceDetails {
  model: string | null;
  serialRaw: string | null;
  capacityBytes: number | null;
}

/** A log timestamp as written, "2023/04/12 14:03:22". */
type Stamp = string;

/** One wipe of one device in one nwipe run. */
interface Attempt {
  run: Run;
  devicePath: string;
  /** Last path component, as the summary tables print it. */
  deviceName: string;
  method: string | null;
  roundsTotal: number | null;
  passesSeen: number | null;
  /** Kept as read and converted to ISO only for the result: Intl time-zone lookups are too slow per line. */
  startedAt: Stamp | null;
  lastSeenAt: Stamp | null;
  blankingSeen: boolean;
  cancelled: boolean;
  loggedErrors: ErrorCounts;
  tableErrors: ErrorCounts | null;
  errorLines: string[];
  summary: StatusRow | null;
}

interface Run {
  index: number;
  details: Map<string, DeviceDetails>;
  /** Every /dev path a timestamped line names (HPA, debug Status, cancelled...): a summary row naming one is no stranger. */
  pathsMentioned: Set<string>;
  attempts: Attempt[];
  /** Latest attempt per device path. */
  attemptsByPath: Map<string, Attempt>;
  options: {
    seen: boolean;
    method: string | null;
    prng: string | null;
    rounds: number | null;
    verification: Verification | null;
    noBlank: boolean;
  };
  /** From "Total Throughput 1853 MB/s, PRNG Stream, 1R+B+VL" (nwipe_log_summary). */
  footer: { method: string; rounds: number; blanking: boolean; verification: Verification | null } | null;
  prngInitialised: string | null;
  hasStatusTable: boolean;
}

type TableMode = 'none' | 'errors' | 'status';

const MAX_ERROR_LINES_PER_DISK = 10;
const MAX_GENERAL_ERROR_WARNINGS = 10;
const MAX_UNREADABLE_ROW_WARNINGS = 10;

// Message formats, from nwipe's source (file, function) and real logs; "on device '/dev/x'." is nwipe <= 0.26.
// Each regex is only tried after a cheap string test on the message: logs run to hundreds of thousands of lines.
const ON_DEVICE = String.raw`on (?:device )?'?(\/dev\/[^\s']+?)'?\.?$`;
const BANNER = /^nwipe (\d+\.\d+(?:\.\d+)?)$/; // nwipe.c main: nwipe_log( INFO, "%s", banner )
// ShredOS logs its own banner first: "ShredOS v2024.11_27_x86-64_0.38", the nwipe version last (shredos.x86_64 issue #332)
const SHREDOS_BANNER = /^ShredOS v\S*_(\d+\.\d+(?:\.\d+)?)(?:-[\w-]+)?$/;
const OPTION = /^(banner|prng|method|rounds|verify)\s+= ?(.*)$/; // options.c nwipe_options_log
const FOUND = /^Found (\/dev\/\S+?), (.*), S\/N=(.*)$/; // device.c check_device
const HAS_SERIAL = /^(?:Device )?(\/dev\/\S+) has serial number (.*)$/; // nwipe.c
const SIZES = /^(\/dev\/\S+), (?:sect\/blk\/dev|log\/phy\/dev) \d+\/\d+\/(\d+)/; // nwipe.c
const INVOKING = new RegExp(`^Invoking method '(.+)' ${ON_DEVICE}`); // method.c nwipe_runmethod
const STARTING_ROUND = new RegExp(`^Starting round \\d+ of (\\d+) ${ON_DEVICE}`);
const STARTING_PASS = new RegExp(`^Starting pass \\d+(?:/| of )(\\d+), round \\d+(?:/| of )\\d+, ${ON_DEVICE}`);
const BLANKING = /^Blanking device (\/dev\/\S+)$/;
const ERROR_COUNT = /^(\d+) (verification|wipe|sync) errors on '(\/dev\/[^']+)'\.?$/; // method.c nwipe_runmethod
const CANCELLED = /^Wipe thread for device (\/dev\/\S+) has been cancelled/; // nwipe.c
const SYSTEM_SERIAL = /^system-serial-number = ?(.*)$/; // logging.c nwipe_log_sysinfo
const PRNG_INIT = /^Initialising (.+?) (?:prng|\(PRNG\))$/i; // prng.c
// logging.c nwipe_log_summary: "Total Throughput %s/s, %s, %iR+%s+%s" (throughput, method, rounds, B|NB, NV|VL|VA)
const FOOTER_TAIL = /, (\d+)R\+(NB|B)\+(NV|VL|VA)$/;

function emptyCounts(): ErrorCounts {
  return { pass: 0, verify: 0, sync: 0 };
}

function lastPathComponent(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function newRun(index: number): Run {
  return {
    index,
    details: new Map(),
    pathsMentioned: new Set(),
    attempts: [],
    attemptsByPath: new Map(),
    options: { seen: false, method: null, prng: null, rounds: null, verification: null, noBlank: false },
    footer: null,
    prngInitialised: null,
    hasStatusTable: false,
  };
}

/**
 * Reads an nwipe log line by line. Several runs may be concatenated (ShredOS appends to the log on its USB stick);
 * a new run starts at the version banner, or at enumeration/options lines once a summary table has been printed.
 */
class NwipeLogParser {
  private runs: Run[] = [newRun(0)];
  private table: TableMode = 'none';
  private toolVersion: string | null = null;
  private hostSerial: HostSerialReading = { kind: 'empty' };
  private hostSerialsSeen = new Set<string>();
  /** Error lines naming no known disk: the first few are shown, the others only counted. */
  private generalErrors = new Set<string>();
  private generalErrorCount = 0;
  private unreadableRowCount = 0;
  private sawNwipeMarker = false;
  private readonly warnings = new Set<string>();

  private warn(message: string): void {
    this.warnings.add(message);
  }

  private get run(): Run {
    return this.runs[this.runs.length - 1];
  }

  feed(line: string): void {
    const stamped = parseTimestampedLine(line);
    if (stamped !== null) {
      this.handleMessage(stamped);
      return;
    }
    const trimmed = line.trim();
    if (trimmed.startsWith('*')) this.handleStarLine(trimmed);
    else if (this.table === 'errors' && trimmed.includes('|')) this.handleErrorRow(trimmed);
    else if (this.table === 'status' && trimmed.includes('|')) this.handleStatusRow(line);
    // Other untimestamped lines are continuations of multi-line messages (OS info, HPA) or blank lines.
  }

  // ---- summary tables (printed with NWIPE_LOG_NOTIMESTAMP) ----

  private handleStarLine(line: string): void {
    if (line.includes('Error Summary')) {
      this.sawNwipeMarker = true;
      this.table = 'errors';
    } else if (line.includes('Drive Status')) {
      this.sawNwipeMarker = true;
      this.table = 'status';
    } else if (/^\*+$/.test(line)) {
      if (this.table === 'status') this.run.hasStatusTable = true;
      this.table = 'none';
    }
  }

  private handleErrorRow(line: string): void {
    const row = parseErrorRow(line);
    if (row === null) return; // header row
    const attempt = this.attemptForTableRow(row.deviceName);
    attempt.tableErrors = { pass: row.passErrors, verify: row.verifyErrors, sync: row.syncErrors };
  }

  private handleStatusRow(line: string): void {
    const row = parseStatusRow(line);
    if (row === null) {
      const isHeader = /\|\s*Status\s*\|/.test(line);
      if (!isHeader && this.unreadableRowCount++ < MAX_UNREADABLE_ROW_WARNINGS) {
        this.warn(`Ligne du tableau « Drive Status » non comprise : « ${line.trim().slice(0, 120)} ».`);
      }
      return;
    }
    const attempt = this.attemptForTableRow(row.deviceName);
    attempt.summary = row;
    this.run.hasStatusTable = true;
  }

  /** Summary rows name the device by its (possibly truncated) last path component: match by suffix. */
  private attemptForTableRow(name: string): Attempt {
    const attempts = this.run.attempts;
    const exact = attempts.filter((a) => a.deviceName === name);
    if (exact.length > 0) return exact[exact.length - 1];
    const bySuffix = attempts.filter((a) => a.deviceName.endsWith(name));
    if (bySuffix.length === 1) return bySuffix[0];

    const seenPaths = new Set([...this.run.details.keys(), ...this.run.pathsMentioned]);
    const knownPaths = [...seenPaths].filter((path) => lastPathComponent(path).endsWith(name));
    if (knownPaths.length === 1) return this.createAttempt(knownPaths[0]);

    this.warn(
      `Le disque « ${name} » du tableau récapitulatif n'apparaît pas ailleurs dans le journal` +
        (name.length >= 6 ? ' (nom peut-être tronqué par nwipe).' : '.'),
    );
    return this.createAttempt(`/dev/${name}`);
  }

  // ---- timestamped messages ----

  private handleMessage(line: TimestampedLine): void {
    const { message, stamp: time } = line;

    if (line.level === null) {
      if (message.startsWith('Total Throughput')) this.handleFooter(message);
      return;
    }
    for (const path of devicePathsIn(message)) this.run.pathsMentioned.add(path);
    if (this.handleRunBoundary(message)) return;
    if (this.handleEnumeration(message)) return;
    if (this.handleWipeProgress(message, time)) return;

    const errorCount = message.includes(' errors on ') ? ERROR_COUNT.exec(message) : null;
    if (errorCount !== null) {
      this.handleErrorCount(errorCount, time);
      return;
    }
    const cancelled = message.startsWith('Wipe thread for device ') ? CANCELLED.exec(message) : null;
    if (cancelled !== null) {
      const attempt = this.currentAttempt(cancelled[1]);
      if (attempt !== null) {
        attempt.cancelled = true;
        this.touch(attempt, time);
      }
      return;
    }
    const isFailureNotice = message.startsWith('[FAILURE]');
    if (isFailureNotice || line.level === 'error' || line.level === 'fatal' || line.level === 'sanity') {
      this.handleErrorLine(message, time);
      return;
    }
    this.touchMentionedDevices(message, time);
  }

  private handleFooter(message: string): void {
    const tail = FOOTER_TAIL.exec(message);
    const methodStart = message.indexOf('/s, ');
    if (tail === null || methodStart < 0 || methodStart + 4 > tail.index) return;
    this.run.footer = {
      method: message.slice(methodStart + 4, tail.index).trim(),
      rounds: Number(tail[1]),
      blanking: tail[2] === 'B',
      verification: parseVerification(tail[3]),
    };
  }

  /** Banner, options and system information; returns true when the message was one of them. */
  private handleRunBoundary(message: string): boolean {
    const banner = message.startsWith('nwipe ') ? BANNER.exec(message) : message.startsWith('ShredOS v') ? SHREDOS_BANNER.exec(message) : null;
    if (banner !== null) {
      if (this.run.attempts.length > 0 || this.run.hasStatusTable) this.startNewRun();
      this.sawNwipeMarker = true;
      this.toolVersion = banner[1];
      return true;
    }
    if (message.startsWith('Program options are set as follows')) {
      if (this.run.hasStatusTable) this.startNewRun();
      this.sawNwipeMarker = true;
      this.run.options.seen = true;
      return true;
    }
    if (message === 'do not perform a final blank pass') {
      this.run.options.noBlank = true;
      return true;
    }
    const option = message.includes('=') ? OPTION.exec(message) : null;
    if (option !== null) {
      this.handleOption(option[1], option[2].trim());
      return true;
    }
    const systemSerial = message.startsWith('system-serial-number') ? SYSTEM_SERIAL.exec(message) : null;
    if (systemSerial !== null) {
      this.handleHostSerial(systemSerial[1]);
      return true;
    }
    return false;
  }

  private handleOption(name: string, value: string): void {
    const options = this.run.options;
    if (name === 'banner') {
      const version = /^nwipe (\d+\.\d+(?:\.\d+)?)/.exec(value);
      if (version !== null) this.toolVersion = version[1];
    } else if (name === 'prng') options.prng = value.replace(/\s*\(EXPERIMENTAL!\)$/, '');
    else if (name === 'method') options.method = value;
    else if (name === 'rounds' && /^\d+$/.test(value)) options.rounds = Number(value);
    else if (name === 'verify') options.verification = parseVerification(value);
  }

  private handleHostSerial(raw: string): void {
    const reading = readHostSerial(raw);
    if (reading.kind === 'serial') this.hostSerialsSeen.add(reading.serial);
    if (reading.kind !== 'empty' || this.hostSerial.kind === 'empty') this.hostSerial = reading;
  }

  /** "Found ...", "has serial number", sizes; returns true when the message was one of them. */
  private handleEnumeration(message: string): boolean {
    const found = message.startsWith('Found ') ? FOUND.exec(message) : null;
    if (found !== null) {
      if (this.run.hasStatusTable) this.startNewRun();
      this.sawNwipeMarker = true;
      this.details(found[1]).model = modelFromFoundLine(found[2]);
      this.details(found[1]).serialRaw = found[3];
      return true;
    }
    const hasSerial = message.includes(' has serial number ') ? HAS_SERIAL.exec(message) : null;
    if (hasSerial !== null) {
      this.details(hasSerial[1]).serialRaw = hasSerial[2];
      return true;
    }
    const sizes = message.includes('sect/blk/dev') || message.includes('log/phy/dev') ? SIZES.exec(message) : null;
    if (sizes !== null) {
      this.details(sizes[1]).capacityBytes = Number(sizes[2]);
      return true;
    }
    const prng = message.startsWith('Initialising ') ? PRNG_INIT.exec(message) : null;
    if (prng !== null) {
      this.run.prngInitialised = prng[1];
      return true;
    }
    return false;
  }

  /** Invoking/Starting/Blanking lines (method.c nwipe_runmethod); returns true when handled. */
  private handleWipeProgress(message: string, time: Stamp): boolean {
    const invoking = message.startsWith('Invoking method ') ? INVOKING.exec(message) : null;
    if (invoking !== null) {
      this.sawNwipeMarker = true;
      const previous = this.currentAttempt(invoking[2]);
      if (previous !== null && previous.summary !== null) this.startNewRun();
      const attempt = this.currentAttempt(invoking[2]) ?? this.createAttempt(invoking[2]);
      attempt.method = invoking[1];
      this.touch(attempt, time);
      return true;
    }
    const round = message.startsWith('Starting round ') ? STARTING_ROUND.exec(message) : null;
    if (round !== null) {
      const attempt = this.currentAttempt(round[2]) ?? this.createAttempt(round[2]);
      attempt.roundsTotal = Number(round[1]);
      this.touch(attempt, time);
      return true;
    }
    const pass = message.startsWith('Starting pass ') ? STARTING_PASS.exec(message) : null;
    if (pass !== null) {
      const attempt = this.currentAttempt(pass[2]) ?? this.createAttempt(pass[2]);
      attempt.passesSeen = Number(pass[1]);
      this.touch(attempt, time);
      return true;
    }
    const blanking = message.startsWith('Blanking device ') ? BLANKING.exec(message) : null;
    if (blanking !== null) {
      const attempt = this.currentAttempt(blanking[1]);
      if (attempt !== null) {
        attempt.blankingSeen = true;
        this.touch(attempt, time);
      }
      return true;
    }
    return false;
  }

  private handleErrorCount(match: RegExpExecArray, time: Stamp): void {
    const attempt = this.currentAttempt(match[3]);
    if (attempt === null) return;
    const count = Number(match[1]);
    if (match[2] === 'verification') attempt.loggedErrors.verify = count;
    else if (match[2] === 'wipe') attempt.loggedErrors.pass = count;
    else attempt.loggedErrors.sync = count;
    this.touch(attempt, time);
  }

  private handleErrorLine(message: string, time: Stamp): void {
    const attempts = devicePathsIn(message)
      .map((path) => this.currentAttempt(path))
      .filter((attempt): attempt is Attempt => attempt !== null);
    if (attempts.length === 0) {
      this.generalErrorCount++;
      if (this.generalErrors.size < MAX_GENERAL_ERROR_WARNINGS) this.generalErrors.add(message);
      return;
    }
    for (const attempt of attempts) {
      if (attempt.errorLines.length < MAX_ERROR_LINES_PER_DISK && !attempt.errorLines.includes(message)) {
        attempt.errorLines.push(message);
      }
      this.touch(attempt, time);
    }
  }

  private touchMentionedDevices(message: string, time: Stamp): void {
    for (const path of devicePathsIn(message)) {
      const attempt = this.currentAttempt(path);
      if (attempt !== null) this.touch(attempt, time);
    }
  }

  /** Start is the first line of the wipe, end the last line about the disk before its summary row. */
  private touch(attempt: Attempt, time: Stamp): void {
    if (attempt.summary !== null) return;
    if (attempt.startedAt === null) attempt.startedAt = time;
    attempt.lastSeenAt = time;
  }

  // ---- bookkeeping ----

  private startNewRun(): void {
    this.table = 'none';
    this.runs.push(newRun(this.runs.length));
  }

  private details(path: string): DeviceDetails {
    let details = this.run.details.get(path);
    if (details === undefined) {
      details = { model: null, serialRaw: null, capacityBytes: null };
      this.run.details.set(path, details);
    }
    return details;
  }

  private currentAttempt(path: string): Attempt | null {
    return this.run.attemptsByPath.get(path) ?? null;
  }

  private createAttempt(path: string): Attempt {
    const attempt: Attempt = {
      run: this.run,
      devicePath: path,
      deviceName: lastPathComponent(path),
      method: null,
      roundsTotal: null,
      passesSeen: null,
      startedAt: null,
      lastSeenAt: null,
      blankingSeen: false,
      cancelled: false,
      loggedErrors: emptyCounts(),
      tableErrors: null,
      errorLines: [],
      summary: null,
    };
    this.run.attempts.push(attempt);
    this.run.attemptsByPath.set(path, attempt);
    return attempt;
  }

  // ---- result ----

  looksLikeNwipe(): boolean {
    return this.sawNwipeMarker;
  }

  finish(): NwipeReport {
    const disks = this.collectDisks();
    this.addGeneralWarnings(disks.length);
    return {
      tool: 'nwipe',
      toolVersion: this.toolVersion,
      hostSerial: this.hostSerial.kind === 'serial' ? this.hostSerial.serial : null,
      disks,
      disksNotWiped: this.disksNotWiped(disks),
      warnings: [...this.warnings],
    };
  }

  /** Disks nwipe found ("Found ..." lines) but did not wipe in any run of the log. */
  private disksNotWiped(wiped: NwipeDiskResult[]): NwipeReport['disksNotWiped'] {
    const seen = new Map<string, NonNullable<NwipeReport['disksNotWiped']>[number]>();
    for (const run of this.runs) {
      for (const [devicePath, details] of run.details) {
        if (details.serialRaw === null && details.model === null) continue;
        const serialNumber = cleanDiskSerial(details.serialRaw).serial;
        const isWiped = wiped.some((disk) => (serialNumber !== null ? disk.serialNumber === serialNumber : disk.devicePath === devicePath));
        if (!isWiped) seen.set(serialNumber ?? devicePath, { devicePath, serialNumber, model: details.model });
      }
    }
    return [...seen.values()];
  }

  private collectDisks(): NwipeDiskResult[] {
    const chosen = new Map<string, { attempt: Attempt; disk: NwipeDiskResult }>();
    const superseded = new Set<string>();
    for (const run of this.runs) {
      if (run.attempts.length > 0 && !run.hasStatusTable) {
        this.warn(
          `Exécution nwipe n° ${run.index + 1} sans tableau récapitulatif « Drive Status » : journal tronqué ou effacement interrompu.`,
        );
      }
      for (const attempt of run.attempts) {
        const disk = this.toDiskResult(attempt);
        const key = disk.serialNumber ?? `run${run.index}:${attempt.devicePath}`;
        const previous = chosen.get(key);
        if (previous !== undefined) superseded.add(key);
        // The last summary wins; a later run without summary does not erase an earlier summarised result.
        if (previous === undefined || attempt.summary !== null || previous.attempt.summary === null) {
          chosen.set(key, { attempt, disk });
        }
      }
    }
    for (const key of superseded) {
      this.warn(`Le disque ${key} apparaît plusieurs fois dans le journal (plusieurs exécutions de nwipe) : seul le dernier résultat est retenu.`);
    }
    return [...chosen.values()].map((entry) => entry.disk);
  }

  private toDiskResult(attempt: Attempt): NwipeDiskResult {
    const run = attempt.run;
    const details = run.details.get(attempt.devicePath);
    const identity = this.identityOf(attempt, details);
    const method = attempt.method ?? run.footer?.method ?? run.options.method ?? '';
    const described = describeMethod(method, attempt.devicePath);
    if (described.warning !== null) this.warn(described.warning);
    if (method === '') {
      this.warn(`Disque ${attempt.devicePath} : le journal ne dit pas la méthode d'effacement (ligne absente ou journal coupé) ; compté comme effacement de méthode inconnue, à vérifier.`);
    }
    const errors = this.errorCountsOf(attempt);
    const status = attempt.summary?.status ?? '';
    const succeeded =
      status.toUpperCase() === 'ERASED' &&
      errors.pass === 0 &&
      errors.verify === 0 &&
      errors.sync === 0 &&
      attempt.errorLines.length === 0;

    if (attempt.summary === null) {
      this.warn(
        `Le disque ${identity.label} n'a pas de ligne dans le tableau récapitulatif de nwipe : résultat « échec » par prudence.`,
      );
    }
    return {
      serialNumber: identity.serial,
      model: identity.model,
      devicePath: attempt.devicePath,
      capacityBytes: details?.capacityBytes ?? null,
      method,
      technique: described.technique,
      rounds: attempt.roundsTotal ?? run.footer?.rounds ?? run.options.rounds ?? null,
      passes: described.passes ?? attempt.passesSeen,
      verification: this.verificationOf(run),
      blanking: blankingOf(attempt),
      prng: described.usesPrng ? (run.options.prng ?? run.prngInitialised) : null,
      startedAt: this.isoTime(attempt.startedAt),
      finishedAt: this.finishedAtOf(attempt),
      result: succeeded ? 'success' : 'failure',
      status,
      errors: describeErrors(attempt, errors),
      throughput: attempt.summary?.throughput ?? null,
      duration: attempt.summary?.duration ?? null,
    };
  }

  /** Prefer the detailed enumeration lines: the summary cell cuts the model and mixes "/" of model and serial. */
  private identityOf(
    attempt: Attempt,
    details: DeviceDetails | undefined,
  ): { serial: string | null; model: string | null; label: string } {
    let model = details?.model ?? null;
    let serialRaw = details?.serialRaw ?? null;
    if (details === undefined && attempt.summary !== null) {
      const split = splitModelSerial(attempt.summary.modelSerial);
      if (split.ambiguous && split.serial !== null) {
        this.warn(
          `Modèle et numéro de série du disque ${attempt.devicePath} déduits de « ${attempt.summary.modelSerial} » : séparation incertaine, à vérifier.`,
        );
      }
      model = split.model;
      serialRaw = split.serial;
    }
    const cleaned = cleanDiskSerial(serialRaw);
    if (cleaned.anonymised) {
      this.warn(
        `Numéro de série du disque ${attempt.devicePath} masqué (nwipe lancé avec -q) : à relever sur l'étiquette du disque.`,
      );
    }
    const label = `${attempt.devicePath}${cleaned.serial === null ? '' : ` (n° ${cleaned.serial})`}`;
    return { serial: cleaned.serial, model, label };
  }

  /** The Error Summary table (since 2021) is authoritative; older logs only have the per-disk count lines. */
  private errorCountsOf(attempt: Attempt): ErrorCounts {
    const table = attempt.tableErrors ?? emptyCounts();
    const logged = attempt.loggedErrors;
    return {
      pass: Math.max(table.pass, logged.pass),
      verify: Math.max(table.verify, logged.verify),
      sync: Math.max(table.sync, logged.sync),
    };
  }

  private verificationOf(run: Run): Verification {
    const verification = run.footer?.verification ?? run.options.verification;
    if (verification !== null && verification !== undefined) return verification;
    this.warn(`Exécution nwipe n° ${run.index + 1} : mode de vérification inconnu, enregistré comme « aucune vérification ».`);
    return 'none';
  }

  private isoTime(stamp: Stamp | null): string | null {
    if (stamp === null) return null;
    const iso = parisLocalTimeToIso(localTimeOf(stamp));
    if (iso === null) this.warn(`Horodatage impossible dans le journal : « ${stamp} ».`);
    return iso;
  }

  /** Last line about the disk; failing that, start + the summary's HH:MM:SS (nwipe: end_time - start_time). */
  private finishedAtOf(attempt: Attempt): string | null {
    const started = this.isoTime(attempt.startedAt);
    const lastSeen = this.isoTime(attempt.lastSeenAt);
    if (lastSeen !== null && lastSeen !== started) return lastSeen;
    const duration = attempt.summary?.duration;
    if (started === null || duration === undefined) return lastSeen;
    const [hours, minutes, seconds] = duration.split(':').map(Number);
    const endMs = isoToEpochMs(started) + ((hours * 60 + minutes) * 60 + seconds) * 1000;
    return epochSecondsToParisIso(endMs / 1000);
  }

  private addGeneralWarnings(diskCount: number): void {
    if (diskCount === 0) this.warn("Aucun disque effacé n'a été trouvé dans ce journal nwipe.");
    const hostWarning = hostSerialWarning(this.hostSerial);
    if (hostWarning !== null) this.warn(hostWarning);
    if (this.hostSerialsSeen.size > 1) {
      this.warn(
        `Plusieurs numéros de série d'ordinateur dans le même journal (${[...this.hostSerialsSeen].join(', ')}) : le dernier est retenu.`,
      );
    }
    for (const message of this.generalErrors) this.warn(`Erreur nwipe sans disque identifié : « ${message} ».`);
    const notShown = this.generalErrorCount - this.generalErrors.size;
    if (notShown > 0) this.warn(`… et ${notShown} autres lignes d'erreur sans disque identifié.`);
    if (this.unreadableRowCount > MAX_UNREADABLE_ROW_WARNINGS) {
      this.warn(`… et ${this.unreadableRowCount - MAX_UNREADABLE_ROW_WARNINGS} autres lignes du tableau non comprises.`);
    }
  }
}

/**
 * The middle of "Found %s, %s, %s, %s, S/N=%s" is "bus, model, size" (0.28+); in March 2020 master it was
 * "ATA WDC WD1600AAJS-2, 160GB" (bus and model in one field). Models may contain commas: keep them.
 */
function modelFromFoundLine(middle: string): string | null {
  const fields = middle.split(', ');
  if (fields.length >= 3) return fields.slice(1, -1).join(', ').trim() || null;
  const busAndModel = fields[0].trim();
  const model = busAndModel.replace(/^(ATA|USB|NVME|SCSI|IDE|SAS|VIRT|UNK|CPQ|1394)(-\w+)?\s+/, '');
  return model === '' ? null : model;
}

function blankingOf(attempt: Attempt): boolean | null {
  const run = attempt.run;
  if (run.footer !== null) return run.footer.blanking;
  if (run.options.seen) return !run.options.noBlank;
  return attempt.blankingSeen ? true : null;
}

function describeErrors(attempt: Attempt, counts: ErrorCounts): string | null {
  const parts: string[] = [];
  if (counts.pass > 0) parts.push(`${countOf(counts.pass, 'erreur')} d'écriture (pass errors)`);
  if (counts.verify > 0) parts.push(`${countOf(counts.verify, 'erreur')} de vérification (verify errors)`);
  if (counts.sync > 0) parts.push(`${countOf(counts.sync, 'erreur')} d'entrée/sortie à la synchronisation (fdatasync)`);
  const status = attempt.summary?.status.toUpperCase();
  if (status === undefined) {
    parts.push('pas de ligne dans le tableau récapitulatif de nwipe (journal tronqué ou effacement non terminé)');
  } else if (status === 'UABORTED') {
    parts.push("effacement interrompu par l'utilisateur (UABORTED)");
  } else if (status === 'INSANITY') {
    parts.push('état incohérent signalé par nwipe (INSANITY)');
  } else if (status !== 'ERASED' && parts.length === 0) {
    parts.push(`nwipe indique « ${attempt.summary?.status} »`);
  }
  if (attempt.cancelled && status !== 'UABORTED') parts.push("tâche d'effacement annulée");
  for (const line of attempt.errorLines) parts.push(`journal : ${line}`);
  return parts.length === 0 ? null : parts.join(' ; ');
}

/** Parses nwipe's log (any version from 0.26 to 0.4x). Throws only when the text is clearly not an nwipe log. */
export function parseNwipeLog(text: string): NwipeReport {
  const parser = new NwipeLogParser();
  for (const line of splitLogLines(text)) parser.feed(line);
  if (!parser.looksLikeNwipe()) {
    throw new Error(
      "Ce fichier n'est pas un journal nwipe : aucune ligne caractéristique (« Found /dev/… », « Invoking method », tableau « Drive Status ») n'a été trouvée.",
    );
  }
  return parser.finish();
}

