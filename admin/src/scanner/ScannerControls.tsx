import { useTranslate } from 'react-admin';
import { Card, CardContent, FormControlLabel, Stack, Switch, Typography } from '@mui/material';
import { ScanField } from './ScanField.js';
import type { useScanner } from './useScanner.js';

type Scanner = ReturnType<typeof useScanner>;

/** The scan field and the two switches: continuous mode and sound. */
export const ScannerControls = ({ field, settings }: Pick<Scanner, 'field' | 'settings'>) => {
  const translate = useTranslate();
  const { inputRef, code, setCode, scan, onBlur, focusInput } = field;
  const { continuous, setContinuous, soundOn, setSoundOn } = settings;
  return (
    <Card>
      <CardContent>
        <ScanField
          inputRef={inputRef}
          id="scanner-code"
          label={translate('reemploi.scanner.field_label')}
          helperText={translate('reemploi.scanner.field_helper')}
          value={code}
          onChange={setCode}
          onSubmit={scan}
          onBlur={onBlur}
          submitLabel={translate('reemploi.scanner.search')}
          autoFocus
        />
        <Stack direction="row" useFlexGap spacing={3} sx={{ mt: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          <FormControlLabel
            control={
              <Switch
                checked={continuous}
                onChange={(event) => {
                  setContinuous(event.target.checked);
                  focusInput();
                }}
              />
            }
            label={translate('reemploi.scanner.continuous')}
          />
          <FormControlLabel
            control={
              <Switch
                checked={soundOn}
                onChange={(event) => {
                  setSoundOn(event.target.checked);
                  focusInput();
                }}
              />
            }
            label={translate('reemploi.scanner.sound')}
          />
          {continuous && (
            <Typography variant="body2" color="text.secondary">
              {translate('reemploi.scanner.continuous_helper')}
            </Typography>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};
