import { Box, Button, Chip, Stack, Typography } from '@mui/material';
import { useFormat } from '../i18n/useFormat.js';
import { formatEuros } from '../referrals/money.js';
import { useReceptionTranslate } from '../referrals/useReceptionTranslate.js';
import type { PriceSuggestion } from './types.js';

/** 150 → « 150 », 95.5 → « 95,50 »: as the partner would type it in the price field. */
const typed = (euros: number) => (Number.isInteger(euros) ? String(euros) : euros.toFixed(2).replace('.', ','));

const CATEGORY_COLORS = { premium: 'success', standard: 'primary', essential: 'default', to_assess: 'warning' } as const;

/**
 * The scanned device's category and the grid's suggested price, at the reception desk. The partner
 * still types (or takes) the price: the suggestion never fills the field on its own.
 */
export const DevicePricing = ({ pricing, onUse }: { pricing: PriceSuggestion; onUse: (price: string) => void }) => {
  const t = useReceptionTranslate();
  const format = useFormat();
  const suggested = pricing.suggestedPrice === null ? null : formatEuros(pricing.suggestedPrice, format.locale);
  return (
    <Box data-testid="reception-pricing" sx={{ p: 1.5, borderRadius: 1, bgcolor: 'action.hover' }}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography component="span">{t('category')}</Typography>
        <Chip label={pricing.categoryLabel} color={CATEGORY_COLORS[pricing.category]} sx={{ fontWeight: 700, fontSize: '1rem' }} />
        {suggested && (
          <>
            <Typography component="span">
              {t('suggested_price')} : <strong style={{ fontSize: '1.3rem' }}>{suggested}</strong>
            </Typography>
            <Button variant="outlined" onClick={() => onUse(typed(pricing.suggestedPrice!))} sx={{ minHeight: 44 }}>
              {t('use_suggested', { price: suggested })}
            </Button>
          </>
        )}
      </Stack>
      {pricing.category === 'to_assess' && (
        <Typography color="warning.dark" sx={{ mt: 1 }}>
          {t('to_assess_hint', { missing: pricing.missing.join(', ') })}
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
        {t('grid_version', { label: pricing.grid.label })}
      </Typography>
    </Box>
  );
};
