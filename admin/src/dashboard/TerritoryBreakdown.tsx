import { useTranslate } from 'react-admin';
import { Button, Card, CardContent, Typography } from '@mui/material';
import { TerritoryChart } from './TerritoryChart.js';
import { TerritoryTable } from './TerritoryTable.js';
import { active } from './territoryRows.js';
import type { Summary } from './types.js';

/**
 * Residents referred and equipped, sales, savings and Nord durable figures per territory (the
 * territory written on the referral). A territory's name narrows the whole dashboard to it.
 */
export const TerritoryBreakdown = ({ summary, onChoose }: { summary: Summary; onChoose: (territory: string) => void }) => {
  const translate = useTranslate();
  const label = (key: string) => translate(`reemploi.reports.territories.${key}`);
  const rows = summary.byTerritory ?? [];
  const charted = rows.filter(active);
  const chosen = summary.period.territory;
  return (
    <Card variant="outlined" component="section" aria-labelledby="territories-heading" data-testid="territory-breakdown">
      {/* a one-column grid of minmax(0, 1fr): the wide table scrolls inside the card instead of widening the page on a phone */}
      <CardContent sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)' }}>
        <Typography id="territories-heading" variant="h6" component="h2">
          {label('title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} id="territories-caption">
          {label('caption')}
        </Typography>
        {rows.length === 0 ? (
          <Typography color="text.secondary">{label('empty')}</Typography>
        ) : (
          <TerritoryTable rows={rows} chosen={chosen} onChoose={onChoose} />
        )}
        {chosen && (
          <Button size="small" onClick={() => onChoose('')} sx={{ mt: 1, justifySelf: 'start' }}>
            {label('all')}
          </Button>
        )}
        {charted.length > 1 && <TerritoryChart charted={charted} />}
      </CardContent>
    </Card>
  );
};
