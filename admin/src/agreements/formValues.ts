import type { HttpError } from 'react-admin';
import { parseEuros } from '../referrals/money.js';
import { COMMITMENT_FIELDS, DEVICE_TYPES, type Agreement, type CommitmentField, type DeviceType } from './types.js';

/**
 * What the form holds: the price caps as typed (« 89,90 »), converted to euros only when sent,
 * so a decimal comma is either read exactly or refused, never guessed.
 */
export type AgreementFormValues = Pick<Agreement, 'partner' | 'startsOn' | 'endsOn' | CommitmentField | 'identityCheck' | 'shops'> & {
  caps: Partial<Record<DeviceType, string>>;
  reuseCommitmentRef: string;
  maxDeviceAgeYears: number | null;
};

export type AgreementPayload = Omit<Agreement, 'id'>;

/** 89.9 → « 89,90 » in French, « 89.90 » in English; 150 → « 150 ». */
export function capText(euros: number, locale: string): string {
  const whole = Number.isInteger(euros);
  return euros.toLocaleString(locale, { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2, useGrouping: false });
}

export function toFormValues(agreement: Partial<Agreement> | undefined, locale: string): AgreementFormValues {
  const caps = Object.fromEntries(
    DEVICE_TYPES.map((type) => {
      const euros = agreement?.priceCaps?.[type];
      return [type, euros === undefined ? '' : capText(euros, locale)];
    }),
  );
  return {
    partner: agreement?.partner ?? '',
    startsOn: agreement?.startsOn ?? '',
    endsOn: agreement?.endsOn ?? '',
    devicesCommitted: agreement?.devicesCommitted ?? 0,
    residentsCommitted: agreement?.residentsCommitted ?? 0,
    trainingsCommitted: agreement?.trainingsCommitted ?? 0,
    solidaritySalesCommitted: agreement?.solidaritySalesCommitted ?? 0,
    caps,
    reuseCommitmentRef: agreement?.reuseCommitmentRef ?? '',
    maxDeviceAgeYears: agreement?.maxDeviceAgeYears ?? null,
    identityCheck: agreement?.identityCheck ?? 'identity_document',
    shops: agreement?.shops ?? [],
  };
}

/** Thrown when a cap cannot be read: the form's own validation should have stopped it first. */
export class UnreadableCap extends Error {
  constructor(readonly type: DeviceType) {
    super(`unreadable cap for ${type}`);
  }
}

/** The body of POST / PUT /api/agreements: every field, so a change is exactly what the form shows. */
export function toPayload(values: AgreementFormValues): AgreementPayload {
  const priceCaps: Partial<Record<DeviceType, number>> = {};
  for (const type of DEVICE_TYPES) {
    const typed = values.caps?.[type]?.trim();
    if (!typed) continue;
    const euros = parseEuros(typed);
    if (euros === null) throw new UnreadableCap(type);
    priceCaps[type] = euros;
  }
  const counts = Object.fromEntries(COMMITMENT_FIELDS.map((field) => [field, values[field] ?? 0])) as Record<CommitmentField, number>;
  return {
    partner: values.partner,
    startsOn: values.startsOn,
    endsOn: values.endsOn,
    ...counts,
    priceCaps,
    reuseCommitmentRef: values.reuseCommitmentRef?.trim() || null,
    maxDeviceAgeYears: values.maxDeviceAgeYears ?? null,
    identityCheck: values.identityCheck,
    // a line left empty in the form is no shop
    shops: (values.shops ?? []).filter((shop) => shop && (shop.name?.trim() || shop.address?.trim())).map((shop) => ({ ...shop, directions: shop.directions ?? '' })),
  };
}

type FormErrors = Record<string, unknown> & { caps?: Record<string, string> };

/** The API's `{error: {code, message, details}}` as errors under the form's own fields. */
export function toFormErrors(error: unknown): FormErrors {
  const body = (error as HttpError | undefined)?.body as { code?: string; message?: string; details?: unknown } | undefined;
  const message = body?.message ?? (error as Error | undefined)?.message ?? '';
  const errors: FormErrors = { root: { serverError: message } };
  if (body?.code === 'AGREEMENT_OVERLAP') {
    // the period is what collides with the other agreement
    errors.startsOn = message;
    errors.endsOn = message;
  }
  if (Array.isArray(body?.details)) {
    for (const issue of body.details as { path?: unknown; message?: unknown }[]) {
      if (typeof issue?.path !== 'string' || typeof issue.message !== 'string' || !issue.path) continue;
      const [field, type] = issue.path.split('.');
      if (field === 'priceCaps' && type) errors.caps = { ...errors.caps, [type]: issue.message };
      else if (!(field in errors)) errors[field] = issue.message;
    }
  }
  return errors;
}

/** The next period of the same length in years, starting the day after this one ends. */
export function nextPeriod(agreement: Pick<Agreement, 'startsOn' | 'endsOn'>): { startsOn: string; endsOn: string } {
  const day = (text: string) => new Date(`${text}T00:00:00Z`);
  const start = day(agreement.startsOn);
  const end = day(agreement.endsOn);
  const years = Math.max(1, Math.round((end.getTime() - start.getTime()) / (365.25 * 86_400_000)));
  const nextStart = new Date(end.getTime() + 86_400_000);
  const nextEnd = new Date(end);
  nextEnd.setUTCFullYear(end.getUTCFullYear() + years);
  return { startsOn: nextStart.toISOString().slice(0, 10), endsOn: nextEnd.toISOString().slice(0, 10) };
}
