import type { ApiErrorBody } from '../providers/http.js';
import { formatEuros } from './money.js';

/** What the desk shows when the API refuses an allocation: the French text for each known refusal, else the API's message. */
export function allocationErrorMessage(error: unknown, assetTag: string, t: (key: string, options?: Record<string, unknown>) => string, locale: string) {
  const body = (error as { body?: ApiErrorBody }).body;
  const messages: Record<string, string> = {
    PRICE_ABOVE_CAP: t('above_cap', { cap: formatEuros(Number((body?.details as { cap?: number } | undefined)?.cap), locale) }),
    DEVICE_NOT_AVAILABLE: t('device_taken', { assetTag }),
    REFERRAL_NOT_ACCEPTED: t('not_accepted'),
    NO_ACTIVE_AGREEMENT: t('no_agreement'),
    NO_PRICE_CAP: t('no_cap'),
  };
  return { message: (body?.code && messages[body.code]) || (error as Error).message, aboveCap: body?.code === 'PRICE_ABOVE_CAP' };
}
