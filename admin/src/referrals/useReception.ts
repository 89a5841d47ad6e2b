import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { errorCode } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { useScanAnnouncer } from '../batches/useScanAnnouncer.js';
import type { ScanResult } from '../types.js';
import type { PartnerReferral, RefusalReason } from './types.js';
import { useAllocation } from './useAllocation.js';
import { usePriceHint } from './usePriceHint.js';
import { useReceptionTranslate } from './useReceptionTranslate.js';

/** `GET /api/scan/:code` at the reception desk: a device, or the voucher the resident brought. */
type ScanAnswer = ScanResult | { kind: 'referral'; id: number; referral: PartnerReferral };

/** The reception desk's state and its calls to the API: the voucher, the decision, then the allocation. */
export function useReception() {
  const translate = useTranslate();
  const t = useReceptionTranslate();
  const dataProvider = useReemploiDataProvider();
  const [searchParams, setSearchParams] = useSearchParams();
  const { banner, announce } = useScanAnnouncer();
  const [referral, setReferral] = useState<PartnerReferral | null>(null);
  const [refusing, setRefusing] = useState(false);
  const [busy, setBusy] = useState(false);
  const allocation = useAllocation({ referral, announce, setBusy, onAllocated: () => setReferral({ ...referral!, status: 'equipped' }) });
  const choosingDevice = referral?.status === 'accepted' && !allocation.allocation;
  const priceHint = usePriceHint(choosingDevice);

  const reset = () => {
    setReferral(null);
    allocation.clear();
  };

  const handleCode = async (raw: string) => {
    const text = raw.trim();
    if (!text) return;
    try {
      const answer = (await dataProvider.scan(text, { pricing: true })) as unknown as ScanAnswer;
      if (answer.kind === 'referral') {
        reset();
        setReferral(answer.referral);
        announce(answer.referral.status === 'submitted' || answer.referral.status === 'accepted' ? 'success' : 'warning', t('found', { code: answer.referral.voucherCode, name: answer.referral.firstName ?? '' }), answer.referral.voucherCode);
      } else if (answer.kind === 'device' && choosingDevice) {
        allocation.takeDevice({ ...answer.device, pricing: answer.pricing });
      } else {
        announce('error', t('not_voucher', { code: text.toUpperCase() }), text.toUpperCase());
      }
    } catch (error) {
      const upper = text.toUpperCase();
      const errorKey = errorCode(error);
      if (errorKey === 'INVALID_CHECK_DIGIT') announce('error', translate('reemploi.scanner.check_digit'));
      else if (errorKey === 'UNKNOWN_CODE') announce('error', t(choosingDevice ? 'unknown_device' : 'unknown_voucher', { code: upper }), upper);
      else announce('error', (error as Error).message);
    }
  };

  // a referral opened from the waiting list (?code=…)
  useEffect(() => {
    const fromList = searchParams.get('code');
    if (fromList) {
      setSearchParams({}, { replace: true });
      void handleCode(fromList);
    }
    // once, on arrival
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const decide = async (decision: () => Promise<PartnerReferral>, doneKey: 'accepted' | 'refused') => {
    setBusy(true);
    try {
      const updated = await decision();
      setReferral(updated);
      announce(doneKey === 'accepted' ? 'success' : 'warning', t(doneKey, { code: updated.voucherCode }), updated.voucherCode);
    } catch (error) {
      announce('error', (error as Error).message);
    } finally {
      setBusy(false);
      setRefusing(false);
    }
  };
  const accept = (id: number) => decide(() => dataProvider.acceptReferral(id), 'accepted');
  const refuse = (id: number, reason: RefusalReason, note?: string) => decide(() => dataProvider.refuseReferral(id, { reason, note }), 'refused');

  return { banner, referral, refusing, setRefusing, busy, choosingDevice, priceHint, allocation, reset, handleCode, accept, refuse };
}
