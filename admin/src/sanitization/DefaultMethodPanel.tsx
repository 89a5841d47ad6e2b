import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Button, Card, CardContent, Stack, Typography } from '@mui/material';
import EditIcon from '@mui/icons-material/Tune';
import { TECHNIQUE_CATEGORY } from './choices.js';
import { MethodFields } from './MethodFields.js';
import type { DefaultMethod } from './useDefaultMethod.js';
import { WipeTimesFields } from './WipeTimesFields.js';

export interface WipeTimes {
  startedAt: string;
  finishedAt: string;
  /** Untouched by the technician: "now" is taken again at each click. */
  auto: boolean;
}

interface DefaultMethodPanelProps {
  method: DefaultMethod;
  onChange: (change: Partial<DefaultMethod>) => void;
  times: WipeTimes;
  onTimesChange: (times: WipeTimes) => void;
  onTimesNow: () => void;
}

/** One line saying what "Effacé ✔" will record, with the fields behind a button (set once per bench). */
export const DefaultMethodPanel = ({ method, onChange, times, onTimesChange, onTimesNow }: DefaultMethodPanelProps) => {
  const translate = useTranslate();
  const [editing, setEditing] = useState(false);
  const summary = [
    translate(`resources.sanitizations.techniques.${method.technique}`),
    translate(`resources.sanitizations.categories.${TECHNIQUE_CATEGORY[method.technique]}`),
    [method.tool, method.toolVersion].filter(Boolean).join(' '),
    method.passes !== null ? translate('resources.sanitizations.passes_count', { smart_count: method.passes }) : null,
    `${translate('resources.sanitizations.fields.verification')}${translate('reemploi.wiping.colon')} ${translate(`resources.sanitizations.verifications.${method.verification}`).toLocaleLowerCase()}`,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <Card component="section" aria-labelledby="default-method-title">
      <CardContent>
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2" id="default-method-title">
            {translate('reemploi.wiping.method_title')}
          </Typography>
          <Button
            startIcon={editing ? undefined : <EditIcon />}
            onClick={() => setEditing(!editing)}
            aria-expanded={editing}
            aria-controls="default-method-fields"
          >
            {translate(editing ? 'reemploi.wiping.close_method' : 'reemploi.wiping.edit_method')}
          </Button>
        </Stack>
        <Typography data-testid="default-method" sx={{ fontWeight: 600 }}>
          {summary}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('reemploi.wiping.method_helper')}
        </Typography>

        {editing && <MethodFields method={method} onChange={onChange} />}

        <WipeTimesFields times={times} onTimesChange={onTimesChange} onTimesNow={onTimesNow} />
      </CardContent>
    </Card>
  );
};
