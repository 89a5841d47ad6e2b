import { useQuery } from '@tanstack/react-query';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { useFormat } from '../i18n/useFormat.js';
import { formatEuros } from './money.js';
import { useReceptionTranslate } from './useReceptionTranslate.js';

/** The text under the price field: the agreement's cap for that type of device, fetched once a device is being chosen. */
export function usePriceHint(choosingDevice: boolean) {
  const t = useReceptionTranslate();
  const format = useFormat();
  const dataProvider = useReemploiDataProvider();
  // the cap is shown before a price is typed, not only in the refusal of one above it
  const caps = useQuery({ queryKey: ['allocations', 'price-caps'], queryFn: () => dataProvider.getPriceCaps(), enabled: choosingDevice });
  return (type: string) => {
    const cap = caps.data?.priceCaps[type];
    if (caps.data && cap === undefined) return t('price_no_cap');
    return cap === undefined ? t('price_helper') : t('price_cap', { cap: formatEuros(cap, format.locale) });
  };
}
