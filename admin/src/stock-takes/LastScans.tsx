import { useTranslate } from 'react-admin';
import { Box, Card, CardContent, List, ListItem, Typography } from '@mui/material';
import { useFormat } from '../i18n/useFormat.js';
import type { AuditScanOutcome, AuditScanResult } from './types.js';

export interface ScanEntry extends Pick<AuditScanResult, 'result' | 'code' | 'device'> {
  key: number;
  at: string;
}

/** Word + colour bar for each outcome (never colour alone); dark text on light for AA contrast. */
const OUTCOME_STYLE: Record<AuditScanOutcome, { bar: string; color: string; background: string }> = {
  found: { bar: '#1b6e2a', color: '#114d1f', background: '#eef7f0' },
  unexpected: { bar: '#8a4b00', color: '#6b3a00', background: '#fff4e5' },
  unknown: { bar: '#b3261e', color: '#8b1610', background: '#fdecea' },
  duplicate: { bar: '#6b7280', color: '#374151', background: '#f3f4f6' },
};

/** This operator's last scans, newest first: what was read and what it meant. */
export const LastScans = ({ entries, footer }: { entries: ScanEntry[]; footer?: string }) => {
  const translate = useTranslate();
  const format = useFormat();
  const t = (key: string) => translate(`resources.audits.session.${key}`);
  return (
    <Card variant="outlined" component="section" sx={{ height: '100%' }}>
      <CardContent sx={{ p: { xs: 1.5, sm: 2 } }}>
        <Typography variant="h6" component="h2">
          {t('last_scans')}
        </Typography>
        {entries.length === 0 ? (
          <Typography color="text.secondary" sx={{ py: 1 }}>
            {t('last_scans_empty')}
          </Typography>
        ) : (
          // focusable: a keyboard user can scroll it (axe: scrollable-region-focusable)
          <List dense aria-label={t('last_scans')} tabIndex={0} sx={{ maxHeight: { md: 300 }, overflowY: 'auto' }} data-testid="last-scans">
            {entries.map((entry) => {
              const style = OUTCOME_STYLE[entry.result];
              return (
                <ListItem
                  key={entry.key}
                  data-testid="last-scan"
                  data-result={entry.result}
                  sx={{ borderLeft: 6, borderColor: style.bar, bgcolor: style.background, mb: 0.5, borderRadius: 1, display: 'block', py: 0.5 }}
                >
                  <Box sx={{ display: 'flex', alignItems: 'baseline', columnGap: 1.5, flexWrap: 'wrap' }}>
                    <Typography sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>{entry.device?.assetTag ?? entry.code}</Typography>
                    <Typography component="span" sx={{ fontWeight: 700, color: style.color, textTransform: 'uppercase', fontSize: '0.8rem', letterSpacing: '0.04em' }}>
                      {t(`results.${entry.result}`)}
                    </Typography>
                    <Typography variant="body2" color="text.secondary" component="time" dateTime={entry.at} sx={{ ml: 'auto' }}>
                      {new Date(entry.at).toLocaleTimeString(format.locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })}
                    </Typography>
                  </Box>
                  {entry.device && (
                    <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                      {[translate(`resources.devices.types.${entry.device.type}`), entry.device.brand, entry.device.model].filter(Boolean).join(' · ')}
                      {entry.result === 'unexpected' ? ` — ${entry.device.site}` : ''}
                    </Typography>
                  )}
                </ListItem>
              );
            })}
          </List>
        )}
        {footer && (
          <Box sx={{ pt: 1 }}>
            <Typography variant="body2" color="text.secondary">
              {footer}
            </Typography>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
