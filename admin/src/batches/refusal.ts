import type { TranslateFunction } from 'react-admin';
import { errorCode } from '../providers/http.js';
import type { ReemploiDataProvider } from '../providers/dataProvider.js';
import type { Batch } from './types.js';

/**
 * Why a scanned device may not enter the batch, in the technician's words. The API's refusal says
 * what rule failed; the device itself tells which other batch holds it or where it is.
 */
export async function explainRefusal(
  dataProvider: ReemploiDataProvider,
  translate: TranslateFunction,
  batch: Batch,
  assetTag: string,
  apiReason: string | undefined,
): Promise<string> {
  const reason = (key: string, options?: Record<string, unknown>) => translate(`resources.batches.builder.reasons.${key}`, options);
  try {
    const { device } = await dataProvider.scan(assetTag);
    switch (device.status) {
      case 'registered':
        return reason('registered');
      case 'quarantined':
        return reason('quarantined');
      case 'in_batch':
        if (device.batch && device.batch !== batch.id) {
          try {
            const { data } = await dataProvider.getOne<Batch>('batches', { id: device.batch });
            return reason('other_batch', { reference: data.reference });
          } catch {
            return reason('other_batch_unknown');
          }
        }
        break;
      case 'sanitized':
        if (device.site !== batch.site) return reason('other_site', { site: device.site, batchSite: batch.site });
        break;
      case 'handed_over':
        return reason('handed_over');
      default:
        return reason('gone', { status: translate(`resources.devices.statuses.${device.status}`) });
    }
  } catch (error) {
    if (errorCode(error) === 'UNKNOWN_CODE') return reason('unknown');
  }
  return apiReason ?? reason('unknown');
}
