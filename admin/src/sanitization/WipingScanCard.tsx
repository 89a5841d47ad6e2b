import type { FocusEvent, FormEvent, RefObject } from 'react';
import { Link } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { Button, Card, CardContent, FormControlLabel, Stack, Switch, Typography } from '@mui/material';
import ListIcon from '@mui/icons-material/FactCheck';
import MediaIcon from '@mui/icons-material/Storage';
import QuarantineIcon from '@mui/icons-material/GppMaybe';
import { ScanField } from '../scanner/ScanField.js';

interface WipingScanCardProps {
  scanRef: RefObject<HTMLInputElement | null>;
  code: string;
  onCodeChange: (code: string) => void;
  onScan: (event?: FormEvent) => void;
  onBlur: (event: FocusEvent<HTMLInputElement>) => void;
  soundOn: boolean;
  onSoundChange: (on: boolean) => void;
}

/** The bench's title, its device field, the sound switch and the links to the lists. */
export const WipingScanCard = ({ scanRef, code, onCodeChange, onScan, onBlur, soundOn, onSoundChange }: WipingScanCardProps) => {
  const translate = useTranslate();
  return (
    <Card>
      <CardContent>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 700, mb: 0.5 }}>
          {translate('reemploi.wiping.title')}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {translate('reemploi.wiping.intro')}
        </Typography>
        <ScanField
          inputRef={scanRef}
          id="wiping-code"
          label={translate('reemploi.wiping.field_label')}
          helperText={translate('reemploi.wiping.field_helper')}
          value={code}
          onChange={onCodeChange}
          onSubmit={onScan}
          onBlur={onBlur}
          submitLabel={translate('reemploi.wiping.search')}
          autoFocus
        />
        <Stack direction="row" useFlexGap spacing={1} sx={{ mt: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          <FormControlLabel
            control={<Switch checked={soundOn} onChange={(event) => onSoundChange(event.target.checked)} />}
            label={translate('reemploi.wiping.sound')}
            sx={{ mr: 'auto' }}
          />
          <Button component={Link} to="/sanitizations" startIcon={<ListIcon />} size="small">
            {translate('reemploi.wiping.see_sanitizations')}
          </Button>
          <Button component={Link} to="/media" startIcon={<MediaIcon />} size="small">
            {translate('reemploi.wiping.see_media')}
          </Button>
          <Button component={Link} to="/quarantine" startIcon={<QuarantineIcon />} size="small">
            {translate('reemploi.wiping.see_quarantine')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
};
