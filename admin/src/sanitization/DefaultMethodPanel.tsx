import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Box, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from '@mui/material';
import EditIcon from '@mui/icons-material/Tune';
import NowIcon from '@mui/icons-material/Schedule';
import { TECHNIQUE_CATEGORY, WIPE_TECHNIQUES, verificationChoices } from './choices.js';
import type { DefaultMethod } from './useDefaultMethod.js';
import type { SanitizationTechnique, Verification } from './types.js';

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

        {editing && (
          <Box id="default-method-fields" sx={{ display: 'grid', gap: 2, mt: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
            <TextField
              select
              id="method-technique"
              label={translate('resources.sanitizations.fields.technique')}
              value={method.technique}
              onChange={(event) => onChange({ technique: event.target.value as SanitizationTechnique })}
              sx={{ gridColumn: '1 / -1' }}
            >
              {WIPE_TECHNIQUES.map((technique) => (
                <MenuItem key={technique} value={technique}>
                  {translate(`resources.sanitizations.techniques.${technique}`)} —{' '}
                  {translate(`resources.sanitizations.categories.${TECHNIQUE_CATEGORY[technique]}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              id="method-tool"
              label={translate('resources.sanitizations.fields.tool')}
              value={method.tool}
              onChange={(event) => onChange({ tool: event.target.value })}
              error={!method.tool.trim()}
              required
            />
            <TextField
              id="method-tool-version"
              label={translate('resources.sanitizations.fields.toolVersion')}
              value={method.toolVersion}
              onChange={(event) => onChange({ toolVersion: event.target.value })}
            />
            <TextField
              id="method-passes"
              type="number"
              label={translate('resources.sanitizations.fields.passes')}
              value={method.passes ?? ''}
              onChange={(event) => {
                const value = event.target.value === '' ? null : Math.max(0, Math.min(100, Math.round(Number(event.target.value))));
                onChange({ passes: Number.isFinite(value) ? value : null });
              }}
              slotProps={{ htmlInput: { min: 0, max: 100 } }}
            />
            <TextField
              select
              id="method-verification"
              label={translate('resources.sanitizations.fields.verification')}
              value={method.verification}
              onChange={(event) => onChange({ verification: event.target.value as Verification })}
            >
              {verificationChoices.map((choice) => (
                <MenuItem key={choice.id} value={choice.id}>
                  {translate(choice.name)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              id="method-destroy-tool"
              label={translate('reemploi.wiping.destroy_tool')}
              value={method.destroyTool}
              onChange={(event) => onChange({ destroyTool: event.target.value })}
              sx={{ gridColumn: '1 / -1' }}
            />
          </Box>
        )}

        <Typography variant="subtitle1" component="h3" sx={{ mt: 2, fontWeight: 600 }}>
          {translate('reemploi.wiping.times_title')}
        </Typography>
        <Box sx={{ display: 'grid', gap: 2, mt: 1, gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', alignItems: 'start' }}>
          <TextField
            id="wipe-started-at"
            type="datetime-local"
            label={translate('resources.sanitizations.fields.startedAt')}
            value={times.startedAt}
            onChange={(event) => onTimesChange({ ...times, startedAt: event.target.value, auto: false })}
            slotProps={{ inputLabel: { shrink: true } }}
            size="small"
          />
          <TextField
            id="wipe-finished-at"
            type="datetime-local"
            label={translate('resources.sanitizations.fields.finishedAt')}
            value={times.finishedAt}
            onChange={(event) => onTimesChange({ ...times, finishedAt: event.target.value, auto: false })}
            slotProps={{ inputLabel: { shrink: true } }}
            size="small"
          />
        </Box>
        <Stack direction="row" useFlexGap spacing={1} sx={{ mt: 0.5, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="body2" color="text.secondary" sx={{ flex: '1 1 200px' }}>
            {translate('reemploi.wiping.times_helper')}
          </Typography>
          {!times.auto && (
            <Button startIcon={<NowIcon />} onClick={onTimesNow} size="small">
              {translate('reemploi.wiping.times_now')}
            </Button>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};
