import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSummary } from '../../api/reports/indicators.js';
import { writePartnershipWorkbook } from '../../api/reports/workbook/index.js';
import { breatherFor, DownloadCut } from '../../api/reports/workbook/paging.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/**
 * A download of the committee's workbook cut short (the browser closed, the user clicked away):
 * the export stops at its next page instead of running to its end for nobody with the whole file
 * held in memory (measured at 100k devices in bench/README.md).
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t.close();
});

/** An output whose reader takes nothing: after one chunk it needs a drain that never comes. */
function stalledOutput() {
  return new Writable({ highWaterMark: 1, write: () => undefined });
}

describe('a workbook download cut short', () => {
  it('lets the export go on while the output drains, and stops it when the output closes, even while waiting for a drain', async () => {
    const output = stalledOutput();
    output.write('x');
    expect(output.writableNeedDrain).toBe(true);
    const breathe = breatherFor(output);
    const waiting = breathe();
    let settled = false;
    void waiting.catch(() => undefined).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    output.destroy();
    await expect(waiting).rejects.toBeInstanceOf(DownloadCut);
    await expect(breathe()).rejects.toBeInstanceOf(DownloadCut);
    // no listener left behind on the output
    expect(output.listenerCount('drain') + output.listenerCount('close')).toBe(0);

    const open = new PassThrough();
    await expect(breatherFor(open)()).resolves.toBeUndefined();
  });

  it('ends the export with DownloadCut, and nothing else, when the output is closed', async () => {
    const parameters = { from: '2026-01-01', to: '2026-06-30' };
    const em = t.orm.em.fork();
    const summary = await computeSummary(em, parameters);
    const output = new PassThrough();
    output.destroy();
    await expect(writePartnershipWorkbook(em, parameters, summary, output)).rejects.toBeInstanceOf(DownloadCut);

    // the same export to an output that stays open ends with a whole file
    const chunks: Buffer[] = [];
    const whole = new PassThrough();
    whole.on('data', (chunk: Buffer) => chunks.push(chunk));
    await writePartnershipWorkbook(t.orm.em.fork(), parameters, summary, whole);
    // a complete zip ends with its end-of-central-directory record
    expect(Buffer.concat(chunks).subarray(-22).readUInt32LE(0)).toBe(0x06054b50);
  });
});
