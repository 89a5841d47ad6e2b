import { useTranslate } from 'react-admin';
import { Box, Stack, Typography } from '@mui/material';
import { useFormat } from '../i18n/useFormat.js';
import { ResultChip } from './ResultChip.js';
import type { SanitizationRecord } from './types.js';

/** Every wipe recorded on the device, newest first, with its method, operator and errors. */
export const SanitizationRecordList = ({ records }: { records: SanitizationRecord[] }) => {
  const translate = useTranslate();
  const format = useFormat();
  const field = (name: string) => translate(`resources.sanitizations.fields.${name}`);
  const colon = translate('reemploi.wiping.colon');
  return (
    // a list rather than a table: the device page's column is narrow
    <Box component="ol" data-testid="device-records" sx={{ m: 0, p: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 1 }}>
      {records.map((record) => (
        <Box component="li" key={record.id} sx={{ borderLeft: 4, borderColor: record.result === 'success' ? 'success.main' : 'error.main', pl: 1.5, py: 0.5 }}>
          <Stack direction="row" useFlexGap spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <ResultChip result={record.result} kind="record" />
            <Typography sx={{ fontWeight: 700 }}>{record.mediumSerialNumber}</Typography>
            <Typography color="text.secondary">
              <time dateTime={record.finishedAt}>{format.dateTime(record.finishedAt)}</time>
            </Typography>
          </Stack>
          <Typography>
            {translate(`resources.sanitizations.techniques.${record.technique}`)} — {translate(`resources.sanitizations.categories.${record.category}`)}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {[
              [record.tool, record.toolVersion].filter(Boolean).join(' '),
              record.passes !== null ? translate('resources.sanitizations.passes_count', { smart_count: record.passes }) : null,
              record.verification !== 'none'
                ? `${field('verification')}${colon} ${translate(`resources.sanitizations.verifications.${record.verification}`).toLocaleLowerCase()}`
                : null,
              `${field('operatorName')}${colon} ${record.operatorName}`,
              record.source !== 'manual' ? translate(`resources.sanitizations.sources.${record.source}`) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
          {record.errors && (
            <Typography variant="body2" color="error.dark">
              {field('errors')}
              {colon} {record.errors}
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
};
