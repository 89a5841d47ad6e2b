import { describe, expect, it } from 'vitest';
import { HttpError } from 'react-admin';
import { nextPeriod, toFormErrors, toFormValues, toPayload, UnreadableCap } from '../../admin/src/agreements/formValues.js';
import { agreementStatus } from '../../admin/src/agreements/types.js';

const AGREEMENT = {
  id: 1,
  partner: 'Emmaüs Connect',
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  devicesCommitted: 4000,
  residentsCommitted: 2500,
  trainingsCommitted: 1200,
  solidaritySalesCommitted: 2400,
  priceCaps: { laptop: 150, smartphone: 89.9 },
  reuseCommitmentRef: null,
  maxDeviceAgeYears: 6,
  identityCheck: 'voucher_and_first_name' as const,
  shops: [{ name: 'Boutique solidaire de Roubaix', address: '1 rue de la Gare, 59100 Roubaix', openingHours: 'du mardi au samedi, de 10 h à 18 h', directions: 'à deux minutes à pied de la gare' }],
};

describe('agreement form values', () => {
  it('shows caps as a French reader types them, and sends them back as the same euros', () => {
    const values = toFormValues(AGREEMENT, 'fr-FR');
    expect(values.caps).toMatchObject({ laptop: '150', smartphone: '89,90', printer: '' });
    const { id: _id, ...payload } = AGREEMENT;
    expect(toPayload(values)).toEqual(payload);
    expect(toFormValues(AGREEMENT, 'en-GB').caps.smartphone).toBe('89.90');
  });

  it('reads « 89,90 », « 89.9 » and « 1 250 € » exactly, leaves empty types out, and never guesses an unreadable amount', () => {
    const values = toFormValues(AGREEMENT, 'fr-FR');
    expect(toPayload({ ...values, caps: { laptop: '89,90', smartphone: ' 89.9 ', tablet: '1 250 €', printer: '' } }).priceCaps).toEqual({ laptop: 89.9, smartphone: 89.9, tablet: 1250 });
    for (const typed of ['89,9x', '89,999', '8,9,0', '-5', '1.250,00']) {
      expect(() => toPayload({ ...values, caps: { laptop: typed } }), typed).toThrow(UnreadableCap);
    }
  });

  it('puts the API refusals under the form fields, price caps under their device type', () => {
    const refused = new HttpError('Données invalides', 400, {
      code: 'INVALID_INPUT',
      message: 'Données invalides (corps) : …',
      details: [
        { path: 'priceCaps.smartphone', message: 'Prix plafond attendu en euros' },
        { path: 'devicesCommitted', message: 'Nombre entier attendu' },
      ],
    });
    expect(toFormErrors(refused)).toEqual({
      root: { serverError: 'Données invalides (corps) : …' },
      caps: { smartphone: 'Prix plafond attendu en euros' },
      devicesCommitted: 'Nombre entier attendu',
    });
    const overlap = new HttpError('Une convention…', 409, { code: 'AGREEMENT_OVERLAP', message: 'Une convention…', details: { agreementId: 3 } });
    expect(toFormErrors(overlap)).toEqual({ root: { serverError: 'Une convention…' }, startsOn: 'Une convention…', endsOn: 'Une convention…' });
  });

  it('renews for the next period of the same number of years, leap years included', () => {
    expect(nextPeriod({ startsOn: '2026-01-01', endsOn: '2026-12-31' })).toEqual({ startsOn: '2027-01-01', endsOn: '2027-12-31' });
    expect(nextPeriod({ startsOn: '2027-01-01', endsOn: '2027-12-31' })).toEqual({ startsOn: '2028-01-01', endsOn: '2028-12-31' });
    expect(nextPeriod({ startsOn: '2026-07-01', endsOn: '2028-06-30' })).toEqual({ startsOn: '2028-07-01', endsOn: '2030-06-30' });
  });

  it('tells in force, upcoming and ended apart, both ends included', () => {
    expect(agreementStatus(AGREEMENT, '2026-01-01')).toBe('active');
    expect(agreementStatus(AGREEMENT, '2026-12-31')).toBe('active');
    expect(agreementStatus(AGREEMENT, '2025-12-31')).toBe('upcoming');
    expect(agreementStatus(AGREEMENT, '2027-01-01')).toBe('ended');
  });
});
