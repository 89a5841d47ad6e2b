import { useTranslate } from 'react-admin';
import { Alert, Box, Typography } from '@mui/material';
import { BatchSection as Section } from './BatchSection.js';
import type { Batch } from './types.js';

/** A disputed pickup: the partner's written discrepancy and the asset tags not scanned. */
export const BatchDiscrepancy = ({ batch }: { batch: Batch }) => {
  const translate = useTranslate();
  const field = (name: string) => translate(`resources.batches.fields.${name}`);
  return (
    <Section title={translate('resources.batches.sections.discrepancy')} testId="batch-discrepancy">
      <Alert severity="warning" sx={{ mb: 2, fontSize: '1rem' }}>
        {batch.discrepancy}
      </Alert>
      {!!batch.missingAssetTags?.length && (
        <>
          <Typography sx={{ mb: 1 }}>{translate('resources.batches.missing_intro')}</Typography>
          <Box component="ul" aria-label={field('missingAssetTags')} sx={{ m: 0, pl: 3, columns: { sm: 2 } }}>
            {batch.missingAssetTags.map((tag) => (
              <li key={tag}>
                <Typography sx={{ fontWeight: 700 }}>{tag}</Typography>
              </li>
            ))}
          </Box>
        </>
      )}
    </Section>
  );
};
