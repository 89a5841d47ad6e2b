import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReportParameters, Summary } from '../indicators.js';
import { allocationsDataSheet } from './allocations-data-sheet.js';
import { commitmentSheet } from './commitments-sheet.js';
import { writeDataSheet } from './data-sheet.js';
import { devicesDataSheet } from './devices-data-sheet.js';
import { eventsDataSheet } from './events-data-sheet.js';
import { flowSheet } from './flows-sheet.js';
import { methodologySheet } from './methodology-sheet.js';
import { latestCheckpoint } from '../../transparency/transparency-log.js';
import { nordSheet } from './nord-durable-sheet.js';
import { breatherFor } from './paging.js';
import { reenSheet } from './reen-sheet.js';
import { residentSheet } from './residents-sheet.js';
import { summarySheet } from './summary-sheet.js';
import { territorySheet } from './territories-sheet.js';

/**
 * The steering committee's workbook, streamed with exceljs's WorkbookWriter: rows are committed
 * as they are written and the data sheets read the database page by page, so memory stays flat
 * whatever the number of devices.
 */
export async function writePartnershipWorkbook(em: EntityManager, parameters: ReportParameters, summary: Summary, output: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Réemploi — Département du Nord';
  workbook.created = new Date();
  summarySheet(workbook, summary, workbook.created);
  flowSheet(workbook, summary);
  commitmentSheet(workbook, summary);
  residentSheet(workbook, summary);
  territorySheet(workbook, summary);
  nordSheet(workbook, summary);
  reenSheet(workbook, summary);
  methodologySheet(workbook, summary, await latestCheckpoint(em));
  const breathe = breatherFor(output);
  await writeDataSheet(workbook, em, breathe, devicesDataSheet(parameters));
  await writeDataSheet(workbook, em, breathe, eventsDataSheet(parameters));
  await writeDataSheet(workbook, em, breathe, allocationsDataSheet(parameters));
  await workbook.commit();
}
