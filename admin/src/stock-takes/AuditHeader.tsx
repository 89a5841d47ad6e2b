import { Title, useTranslate } from 'react-admin';
import { Stack, Typography } from '@mui/material';
import { useFormat } from '../i18n/useFormat.js';
import { AuditStatusChip } from './AuditStatusChip.js';
import type { AuditDetail } from './types.js';
import { useAuditTranslate } from './useAuditTranslate.js';

/** The session's title and status, who started it and, once closed, who closed it. */
export const AuditHeader = ({ audit }: { audit: AuditDetail }) => {
  const translate = useTranslate();
  const t = useAuditTranslate();
  const format = useFormat();
  const title = translate('resources.audits.title', { id: audit.id, site: audit.site });
  const closed = audit.status === 'closed';
  return (
    <>
      <Title title={title} />
      <Stack direction="row" useFlexGap sx={{ alignItems: 'center', gap: { xs: 1, sm: 2 }, flexWrap: 'wrap', mb: 0.5 }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 800, fontSize: { xs: '1.3rem', sm: '1.75rem' } }}>
          {title}
        </Typography>
        <AuditStatusChip status={audit.status} size="medium" />
      </Stack>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('started', { date: format.dateTime(audit.startedAt), name: audit.startedByName ?? '—' })}
        {closed && audit.closedAt ? ` · ${t('closed', { date: format.dateTime(audit.closedAt), name: audit.closedByName ?? '—' })}` : ''}
      </Typography>
    </>
  );
};
