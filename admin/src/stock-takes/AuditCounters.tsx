import { useTranslate } from 'react-admin';
import { LinearProgress, Stack } from '@mui/material';
import { ScanCounter } from '../scanner/ScanCounter.js';
import type { AuditDetail } from './types.js';
import { useAuditTranslate } from './useAuditTranslate.js';

/** The live counts (expected, found, missing, unexpected, unknown) and the progress bar. */
export const AuditCounters = ({ audit }: { audit: AuditDetail }) => {
  const translate = useTranslate();
  const t = useAuditTranslate();
  return (
    <>
      <Stack direction="row" spacing={{ xs: 1, sm: 1.5 }}>
        <ScanCounter label={translate('resources.audits.fields.expected')} value={audit.expected} tone="primary" testId="audit-expected" />
        <ScanCounter label={translate('resources.audits.fields.found')} value={audit.found} tone="success" testId="audit-found" />
        <ScanCounter label={translate('resources.audits.fields.missing')} value={audit.missing} tone="error" testId="audit-missing" />
      </Stack>
      <Stack direction="row" spacing={{ xs: 1, sm: 1.5 }}>
        <ScanCounter label={translate('resources.audits.fields.unexpected')} value={audit.unexpected} tone="warning" testId="audit-unexpected" small />
        <ScanCounter label={translate('resources.audits.fields.unknown')} value={audit.unknown} tone="secondary" testId="audit-unknown" small />
      </Stack>
      <LinearProgress
        variant="determinate"
        color="success"
        value={audit.expected ? (audit.found / audit.expected) * 100 : 0}
        aria-label={t('progress', { found: audit.found, expected: audit.expected })}
        sx={{ height: 10, borderRadius: 5 }}
      />
    </>
  );
};
