import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeMethod, parseVerification } from '../../api/sanitization/nwipe/methods.js';
import {
  parseNwipeJson,
  parseNwipeLog,
  parseNwipeReport,
  type NwipeDiskResult,
  type NwipeReport,
} from '../../api/sanitization/nwipe/parse.js';
import { epochSecondsToParisIso, parisLocalTimeToIso } from '../../api/sanitization/nwipe/time.js';

function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/nwipe/${name}`, import.meta.url)), 'utf8');
}

const MULTI_DISK_LOG = fixture('nwipe-0.42-multi-disk.log');
const OLD_SINGLE_DISK_LOG = fixture('nwipe-0.28-single-disk.log');
const ABORT_LOG = fixture('nwipe-0.35-user-abort.log');
const RERUN_LOG = fixture('nwipe-0.35-rerun-next-day.log');
const CJSON_REPORT = fixture('nwipe_report_2026-03-10-14-01-58_Model_ST1000DM003_1CH162_Serial_Z1D5K3QX_device_sdb.json');
const FIRST_JSON_REPORT = fixture('nwipe_report_WCC2EUR71234_2026-03-10_14-02-03.json');

function diskAt(report: NwipeReport, devicePath: string): NwipeDiskResult {
  const disk = report.disks.find((d) => d.devicePath === devicePath);
  if (disk === undefined) throw new Error(`no disk ${devicePath} in report`);
  return disk;
}

describe('nwipe 0.42 multi-disk log (PRNG Stream, verify last pass, one failed disk)', () => {
  const report = parseNwipeLog(MULTI_DISK_LOG);

  it('lists the four wiped disks with their serials, models and device paths', () => {
    expect(report.tool).toBe('nwipe');
    expect(report.toolVersion).toBe('0.42');
    expect(report.disks).toHaveLength(4);
    expect(report.disks.map((d) => d.devicePath)).toEqual(['/dev/sda', '/dev/sdb', '/dev/sdc', '/dev/nvme0n1']);
    expect(report.disks.map((d) => d.serialNumber)).toEqual(['WCC2EUR71234', 'Z1D5K3QX', null, 'S4EVNF0M812345X']);
    // Full model from the "Found" line, not the 17-character cut of the summary table.
    expect(diskAt(report, '/dev/nvme0n1').model).toBe('Samsung SSD 970 EVO Plus 500GB');
    expect(diskAt(report, '/dev/sdc').model).toBe('ASMT 2115');
    expect(diskAt(report, '/dev/sdb').capacityBytes).toBe(1000204886016);
  });

  it("reads the host's system serial logged from dmidecode", () => {
    expect(report.hostSerial).toBe('CZC8273FJK');
  });

  it('maps the method, rounds, passes, verification, blanking and PRNG', () => {
    for (const disk of report.disks) {
      expect(disk).toMatchObject({
        method: 'PRNG Stream',
        technique: 'overwrite_prng',
        rounds: 1,
        passes: 1,
        verification: 'last_pass',
        blanking: true,
        prng: 'Isaac64',
      });
    }
  });

  it('gives start and end in ISO 8601 with the Paris winter offset', () => {
    expect(diskAt(report, '/dev/sda')).toMatchObject({
      startedAt: '2026-03-10T08:02:15+01:00',
      finishedAt: '2026-03-10T11:34:06+01:00',
      throughput: '118 MB/s',
      duration: '03:31:51',
    });
    expect(diskAt(report, '/dev/nvme0n1').finishedAt).toBe('2026-03-10T08:18:55+01:00');
  });

  it('marks the FAILED disk as failure with its verification errors, the others as success', () => {
    const failed = diskAt(report, '/dev/sdb');
    expect(failed.result).toBe('failure');
    expect(failed.status).toBe('FAILED');
    expect(failed.errors).toContain('128 erreurs de vérification');
    expect(failed.errors).toContain('[FAILURE] /dev/sdb may not be blanked');
    for (const path of ['/dev/sda', '/dev/sdc', '/dev/nvme0n1']) {
      expect(diskAt(report, path)).toMatchObject({ result: 'success', status: 'Erased', errors: null });
    }
    expect(report.warnings).toEqual([]);
  });
});

describe('nwipe 0.28 single-disk log (no level padding, 6-character device column, no error table)', () => {
  const report = parseNwipeLog(OLD_SINGLE_DISK_LOG);

  it('keeps only the wiped disk and matches the truncated "vme1n1" row to /dev/nvme1n1', () => {
    expect(report.toolVersion).toBe('0.28');
    expect(report.disks).toHaveLength(1);
    expect(report.disks[0]).toMatchObject({
      devicePath: '/dev/nvme1n1',
      serialNumber: 'S4P3NF0M300001K',
      model: 'Samsung SSD 970 EVO 500GB',
      method: 'Zero Fill',
      technique: 'overwrite_zeros',
      passes: 1,
      rounds: 1,
      verification: 'last_pass',
      blanking: true,
      prng: null,
      startedAt: '2020-06-17T19:05:35+02:00',
      finishedAt: '2020-06-17T19:31:37+02:00',
      result: 'success',
      status: 'Erased',
      throughput: '640 MB/s',
    });
  });

  it('does not take a firmware placeholder for the host serial, and says so in French', () => {
    expect(report.hostSerial).toBeNull();
    expect(report.warnings.join('\n')).toContain('« Default string »');
  });
});

describe('nwipe JSON reports (create_json.c)', () => {
  const log = parseNwipeLog(MULTI_DISK_LOG);

  it('reads the cJSON report and agrees with the log for the same disk', () => {
    const report = parseNwipeJson(CJSON_REPORT);
    expect(report.toolVersion).toBe('0.42');
    expect(report.hostSerial).toBe('CZC8273FJK');
    expect(report.disks).toHaveLength(1);
    const fromJson = report.disks[0];
    const fromLog = diskAt(log, '/dev/sdb');
    const { blanking: jsonBlanking, errors: jsonErrors, ...jsonRest } = fromJson;
    const { blanking: logBlanking, errors: logErrors, ...logRest } = fromLog;
    expect(jsonRest).toEqual(logRest);
    expect(jsonBlanking).toBeNull(); // not in the JSON report
    expect(logBlanking).toBe(true);
    expect(jsonErrors).toContain('128 erreurs de vérification');
    expect(logErrors).toContain('128 erreurs de vérification');
  });

  it('reads the first JSON revision, which has neither method nor verification', () => {
    const report = parseNwipeJson(FIRST_JSON_REPORT);
    const disk = report.disks[0];
    const fromLog = diskAt(log, '/dev/sda');
    for (const key of ['serialNumber', 'model', 'devicePath', 'capacityBytes', 'rounds', 'startedAt', 'finishedAt', 'result', 'duration'] as const) {
      expect(disk[key]).toEqual(fromLog[key]);
    }
    expect(disk).toMatchObject({ method: '', technique: null, status: 'success' });
    expect(report.hostSerial).toBeNull();
    expect(report.warnings.join('\n')).toContain('la méthode et le mode de vérification');
  });

  it('treats "success" with verify errors in the first revision as a failure', () => {
    const withErrors = FIRST_JSON_REPORT.replace('"verify_errors": 0', '"verify_errors": 3');
    const disk = parseNwipeJson(withErrors).disks[0];
    expect(disk.result).toBe('failure');
    expect(disk.errors).toContain('3 erreurs de vérification');
  });

  it('accepts an array of reports, one per disk', () => {
    const report = parseNwipeJson(`[${CJSON_REPORT}, ${FIRST_JSON_REPORT}]`);
    expect(report.disks.map((d) => d.serialNumber)).toEqual(['Z1D5K3QX', 'WCC2EUR71234']);
    expect(report.hostSerial).toBe('CZC8273FJK');
  });

  it('is detected automatically by parseNwipeReport', () => {
    expect(parseNwipeReport(CJSON_REPORT)).toEqual(parseNwipeJson(CJSON_REPORT));
    expect(parseNwipeReport(MULTI_DISK_LOG)).toEqual(log);
  });
});

describe('nwipe 0.35 log of a wipe aborted by the user', () => {
  const report = parseNwipeLog(ABORT_LOG);

  it('keeps the disk that had finished as Erased and the aborted one as failure', () => {
    expect(report.toolVersion).toBe('0.35');
    expect(report.hostSerial).toBe('7XKQ2J2');
    expect(report.disks.map((d) => [d.serialNumber, d.status, d.result])).toEqual([
      ['Z3K8S4XAS', 'Erased', 'success'],
      ['WD-WCC6Y1KX2345', 'UABORTED', 'failure'],
    ]);
    const aborted = diskAt(report, '/dev/sdb');
    expect(aborted.errors).toContain("interrompu par l'utilisateur");
    expect(aborted).toMatchObject({
      method: 'DoD Short',
      technique: 'overwrite_dod_short',
      passes: 3,
      startedAt: '2023-06-21T14:10:05+02:00',
      finishedAt: '2023-06-21T19:20:11+02:00',
    });
  });
});

describe('several runs concatenated in one log', () => {
  const report = parseNwipeLog(ABORT_LOG + RERUN_LOG);

  it('takes the last summary per physical disk, keyed by serial rather than device path', () => {
    expect(report.disks.map((d) => [d.serialNumber, d.devicePath, d.result])).toEqual([
      ['Z3K8S4XAS', '/dev/sda', 'success'],
      ['WD-WCC6Y1KX2345', '/dev/sdb', 'success'],
      ['W3T0ABCD', '/dev/sda', 'success'],
    ]);
    expect(report.disks[1].startedAt).toBe('2023-06-22T09:31:40+02:00');
    expect(report.warnings.join('\n')).toContain('plusieurs exécutions');
  });

  it('does not let a later run without summary hide an earlier summarised result', () => {
    const truncatedRerun = RERUN_LOG.slice(0, RERUN_LOG.indexOf('[2023/06/22 13:52:10]'));
    const merged = parseNwipeLog(ABORT_LOG + truncatedRerun);
    const wd = merged.disks.find((d) => d.serialNumber === 'WD-WCC6Y1KX2345');
    expect(wd?.status).toBe('UABORTED');
  });
});

describe('robustness', () => {
  const reference = parseNwipeLog(MULTI_DISK_LOG);

  it('reads CRLF line endings identically', () => {
    expect(parseNwipeLog(MULTI_DISK_LOG.replace(/\n/g, '\r\n'))).toEqual(reference);
  });

  it('ignores ANSI colour codes', () => {
    const coloured = MULTI_DISK_LOG.replace(/ notice: /g, ' \x1b[32mnotice\x1b[0m: ')
      .replace('|-FAILED-|', '|\x1b[1;31m-FAILED-\x1b[0m|')
      .replace(/\| Erased \|/g, '|\x1b[32m Erased \x1b[0m|');
    expect(parseNwipeLog(`\uFEFF${coloured.replace(/\n/g, '\r\n')}`)).toEqual(reference);
  });

  it('returns failures and warnings, not an exception, for a log truncated before the summary', () => {
    const truncated = MULTI_DISK_LOG.slice(0, MULTI_DISK_LOG.indexOf('[2026/03/10 11:34:06]') + 30);
    const report = parseNwipeLog(truncated);
    expect(report.disks).toHaveLength(4);
    for (const disk of report.disks) {
      expect(disk.result).toBe('failure');
      expect(disk.status).toBe('');
      expect(disk.errors).toContain('tableau récapitulatif');
    }
    expect(report.warnings.some((w) => w.includes('tronqué'))).toBe(true);
  });

  it('uses the rows that were printed when the log stops inside the summary table', () => {
    const truncated = MULTI_DISK_LOG.slice(0, MULTI_DISK_LOG.indexOf('       sdc | Erased'));
    const report = parseNwipeLog(truncated);
    expect(report.disks.map((d) => d.result)).toEqual(['success', 'failure', 'failure', 'failure']);
    expect(diskAt(report, '/dev/sdc').status).toBe('');
  });

  it('throws a French error for text that is neither a log nor a JSON report', () => {
    expect(() => parseNwipeReport('Bonjour,\nvoici la facture du mois.\n')).toThrow(/ni un journal nwipe ni un rapport JSON/);
    expect(() => parseNwipeReport('')).toThrow(/vide/);
    expect(() => parseNwipeReport('\x00\x01\x02\xff'.repeat(100))).toThrow(/ni un journal nwipe/);
    expect(() => parseNwipeReport('{"invoice": 12}')).toThrow(/n'est pas un rapport nwipe/);
    expect(() => parseNwipeReport('{ "report_metadata": ')).toThrow(/illisible/);
    expect(() => parseNwipeLog('just some words')).toThrow(/pas un journal nwipe/);
  });

  it('nulls serials anonymised with -q and warns', () => {
    const anonymised = ABORT_LOG.replaceAll('Z3K8S4XAS', 'XXXXXXXXXXXXXXX').replace('7XKQ2J2', 'XXXXXXXXXXXXXXX');
    const report = parseNwipeLog(anonymised);
    expect(report.disks[0].serialNumber).toBeNull();
    expect(report.warnings.join('\n')).toContain('-q');
  });

  it('trims and upper-cases serials, and treats an empty S/N as unknown', () => {
    const log = ABORT_LOG.replace('S/N=Z3K8S4XAS', 'S/N=  z3k8s4xas   ')
      .replace('/dev/sda has serial number Z3K8S4XAS', '/dev/sda has serial number z3k8s4xas   ')
      .replace('S/N=WD-WCC6Y1KX2345', 'S/N=')
      .replace('[2023/06/21 14:10:05]  notice: /dev/sdb has serial number WD-WCC6Y1KX2345\n', '');
    const report = parseNwipeLog(log);
    expect(report.disks.map((d) => d.serialNumber)).toEqual(['Z3K8S4XAS', null]);
  });

  it('falls back on the summary cell when the log has no detailed lines, and warns when "/" is ambiguous', () => {
    const tableOnly = [
      '********************************* Drive Status *********************************',
      '!   Device | Status | Thru-put | HH:MM:SS | Model/Serial Number',
      '--------------------------------------------------------------------------------',
      '       sda | Erased |  118 MB/s | 03:31:51 | HP SSD S700/250G/ 3mv2k1x ',
      '       sdb | Erased |  101 MB/s | 01:01:01 | ST500LM021-1KJ15/W6200ABC',
      '--------------------------------------------------------------------------------',
      '[2024/01/15 17:00:00] Total Throughput  219 MB/s, Fill With Zeros, 2R+NB+NV',
      '********************************************************************************',
    ].join('\n');
    const report = parseNwipeLog(tableOnly);
    expect(report.disks.map((d) => [d.model, d.serialNumber])).toEqual([
      ['HP SSD S700/250G', '3MV2K1X'],
      ['ST500LM021-1KJ15', 'W6200ABC'],
    ]);
    expect(report.disks[0]).toMatchObject({ method: 'Fill With Zeros', rounds: 2, blanking: false, verification: 'none' });
    expect(report.disks[1].startedAt).toBeNull();
    expect(report.warnings.some((w) => w.includes('séparation incertaine'))).toBe(true);
  });

  it('reads the 0.26 format ("nwipe: notice:", "on device \'/dev/x\'.") and fails a disk without summary', () => {
    const old = [
      "[2019/11/07 01:35:06] nwipe: notice: Invoking method 'DoD Short' on device '/dev/sdc'.",
      "[2019/11/07 01:35:06] nwipe: notice: Starting round 1 of 1 on device '/dev/sdc'.",
      "[2019/11/07 01:35:06] nwipe: notice: Starting pass 1 of 3, round 1 of 1, on device '/dev/sdc'.",
      "[2019/11/07 02:36:51] nwipe: warning: Buffer flush failure on '/dev/sdc'.",
      '[2019/11/07 02:36:51] nwipe: error: nwipe_static_pass: fdatasync: Remote I/O error',
      "[2019/11/07 02:36:51] nwipe: notice: 81964302336 bytes written to device '/dev/sdc'.",
    ].join('\n');
    const report = parseNwipeLog(old);
    expect(report.disks).toHaveLength(1);
    expect(report.disks[0]).toMatchObject({
      devicePath: '/dev/sdc',
      method: 'DoD Short',
      rounds: 1,
      passes: 3,
      result: 'failure',
      startedAt: '2019-11-07T01:35:06+01:00',
      finishedAt: '2019-11-07T02:36:51+01:00',
    });
    expect(report.disks[0].errors).toContain('tableau récapitulatif');
    // That error line names no device: it is reported, not attributed to a disk by guess.
    expect(report.warnings.join('\n')).toContain('fdatasync: Remote I/O error');
  });

  it('fails an "Erased" disk when the log holds error lines for it', () => {
    const log = MULTI_DISK_LOG.replace(
      '[2026/03/10 11:34:06]  notice: [SUCCESS] Blanked device /dev/sda',
      "[2026/03/10 11:34:06]   error: nwipe_static_verify: read failed on '/dev/sda': Input/output error\n" +
        '[2026/03/10 11:34:06]  notice: [SUCCESS] Blanked device /dev/sda',
    );
    const disk = diskAt(parseNwipeLog(log), '/dev/sda');
    expect(disk.status).toBe('Erased');
    expect(disk.result).toBe('failure');
    expect(disk.errors).toContain('Input/output error');
  });

  // Speed is measured by the benchmarks, not by timed tests (a loaded CI machine makes timings
  // meaningless); a catastrophic regex would still blow the test timeout here.
  it('parses a 10 MB log', { timeout: 20_000 }, () => {
    const insertAt = MULTI_DISK_LOG.indexOf('[2026/03/10 08:57:48]');
    const filler: string[] = [];
    for (let i = 0; filler.length < 130_000; i++) {
      filler.push(`[2026/03/10 08:30:00]  notice: hwmon: Unable to  open /temp1_crit on /dev/sd${'abc'[i % 3]}`);
    }
    const big = MULTI_DISK_LOG.slice(0, insertAt) + filler.join('\n') + '\n' + MULTI_DISK_LOG.slice(insertAt);
    expect(big.length).toBeGreaterThan(10_000_000);
    const report = parseNwipeLog(big);
    expect(report.disks.map((d) => d.result)).toEqual(reference.disks.map((d) => d.result));
  });

  it('stays linear on pathological lines', { timeout: 20_000 }, () => {
    const table = '********************************* Drive Status *********************************\n';
    const hostile = [
      table + '| '.repeat(1_000_000),
      `[2024/01/01 00:00:00]  notice: Found /dev/sda, ${', '.repeat(500_000)}`,
      `[2024/01/01 00:00:00]  notice: Invoking method '${"' on ".repeat(200_000)}`,
      `[2024/01/01 00:00:00]   error: ${'/dev/'.repeat(200_000)}`,
      `[2024/01/01 00:00:00] Total Throughput ${'1 MB/s, '.repeat(200_000)}`,
    ];
    for (const text of hostile) {
      try {
        parseNwipeLog(text); // a partial report or the "not an nwipe log" error: both are fine, hanging is not
      } catch (error) {
        expect((error as Error).message).toMatch(/journal nwipe/);
      }
    }
  });
});

describe('method and verification mapping', () => {
  it.each([
    ['Fill With Zeros', 'overwrite_zeros', 1],
    ['Zero Fill', 'overwrite_zeros', 1],
    ['Quick Erase', 'overwrite_zeros', 1],
    ['Fill With Ones', 'overwrite_ones', 1],
    ['PRNG Stream', 'overwrite_prng', 1],
    ['DoD Short', 'overwrite_dod_short', 3],
    ['DoD 5220.22-M', 'overwrite_dod_full', 7],
    ['Gutmann Wipe', 'overwrite_gutmann', 35],
    ['RCMP TSSIT OPS-II', 'overwrite_other', 8],
    ['HMG IS5 Enhanced', 'overwrite_other', 3],
    ['Bruce Schneier 7-Pass', 'overwrite_other', 7],
    ['BMB21-2019', 'overwrite_other', 6],
    ['Verify Zeros (0x00)', null, 0],
    ['Verify Ones  (0xFF)', null, 0],
    ['Sanitize Crypto Erase (ATA/SCSI/NVMe)', 'crypto_erase', null],
  ])('%s → %s, %s pass(es)', (label, technique, passes) => {
    const described = describeMethod(label, '/dev/sda');
    expect(described.technique).toBe(technique);
    expect(described.passes).toBe(passes);
    expect(described.warning).toBeNull();
  });

  it('maps firmware methods by bus and warns on unknown methods', () => {
    expect(describeMethod('Secure Erase (ATA/NVMe)', '/dev/sda').technique).toBe('ata_secure_erase');
    expect(describeMethod('Secure Erase (ATA/NVMe)', '/dev/nvme0n1').technique).toBe('nvme_format');
    expect(describeMethod('Sanitize Block Erase (ATA/SCSI/NVMe)', '/dev/nvme0n1').technique).toBe('nvme_sanitize');
    expect(describeMethod('Sanitize Block Erase (ATA/SCSI/NVMe)', '/dev/sda').warning).toContain('à vérifier');
    const unknown = describeMethod('Unknown Method (FIXME)', '/dev/sda');
    expect(unknown.technique).toBe('overwrite_other');
    expect(unknown.warning).toContain('inconnue');
  });

  it.each([
    ['1 (last pass)', 'last_pass'],
    ['2 (all passes)', 'all_passes'],
    ['0 (off)', 'none'],
    ['VL', 'last_pass'],
    ['VA', 'all_passes'],
    ['NV', 'none'],
    ['Verify Last Pass', 'last_pass'],
    ['Verify All Passes', 'all_passes'],
    ['Verify Off', 'none'],
  ])('verification %s → %s', (text, expected) => {
    expect(parseVerification(text)).toBe(expected);
  });
});

describe('Europe/Paris times', () => {
  it('applies +01:00 in winter and +02:00 in summer', () => {
    expect(parisLocalTimeToIso({ year: 2024, month: 1, day: 15, hour: 9, minute: 0, second: 0 })).toBe(
      '2024-01-15T09:00:00+01:00',
    );
    expect(parisLocalTimeToIso({ year: 2024, month: 7, day: 15, hour: 9, minute: 0, second: 0 })).toBe(
      '2024-07-15T09:00:00+02:00',
    );
    expect(parisLocalTimeToIso({ year: 2023, month: 2, day: 30, hour: 9, minute: 0, second: 0 })).toBeNull();
    expect(epochSecondsToParisIso(1773126135)).toBe('2026-03-10T08:02:15+01:00');
    expect(epochSecondsToParisIso(0)).toBeNull();
  });
});

describe('logs as users post them on GitHub (real excerpts, cut in the middle)', () => {
  it('reads the nwipe version from the ShredOS banner and lists a disk found but not wiped', () => {
    const report = parseNwipeLog(fixture('shredos-0.38-banner-cut.log'));
    expect(report.toolVersion).toBe('0.38');
    expect(report.disks).toEqual([]);
    expect(report.disksNotWiped).toEqual([{ devicePath: '/dev/sda', serialNumber: '35H2SCTWS', model: 'TOSHIBA MQ01ABD1' }]);
    const nomodeset = parseNwipeLog('[2024/11/24 04:51:32]    info: ShredOS v2024.02.2_26.0_x86-64_0.37-nomodeset\n' + fixture('nwipe-0.35-user-abort.log'));
    expect(nomodeset.toolVersion).toBe('0.35'); // nwipe's own banner, later in the log, wins
    expect(parseNwipeLog('[2024/11/24 04:51:32]    info: ShredOS v2024.02.2_26.0_x86-64_0.37-nomodeset\n' + fixture('shredos-0.38-banner-cut.log').split('\n').slice(1).join('\n')).toolVersion).toBe('0.37');
  });

  it('records a disk « Erased » whose method line is missing as an erasure of unknown method, never as a verify-only pass', () => {
    const report = parseNwipeLog(fixture('nwipe-2021-loop-erased-no-method.log'));
    const disk = diskAt(report, '/dev/loop44');
    expect(disk).toMatchObject({ status: 'Erased', result: 'success', method: '', technique: 'overwrite_other' });
    expect(report.warnings.some((warning) => warning.includes('ne dit pas la méthode'))).toBe(true);
    expect(report.warnings.join(' ')).not.toMatch(/relire|inconnue « {2}»/);
  });

  it('does not call a disk of the summary « nowhere else » when status lines name it', () => {
    const report = parseNwipeLog(fixture('nwipe-2021-cancelled-cut.log'));
    expect(report.disks.map((disk) => disk.devicePath)).toEqual(['/dev/sda', '/dev/sdb', '/dev/sdc', '/dev/sdd']);
    expect(report.warnings.join(' ')).not.toMatch(/n'apparaît pas ailleurs/);
    // no Drive Status table in the excerpt: each disk is a failure by prudence
    expect(report.disks.every((disk) => disk.result === 'failure')).toBe(true);
  });
});
