import type { KeyboardEvent, Ref, FocusEvent } from 'react';
import { useTranslate } from 'react-admin';
import { Box, MenuItem, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/AddCircle';
import { ScanField } from '../scanner/ScanField.js';
import type { DeviceCard } from '../types.js';
import { kindChoices } from './choices.js';
import type { MediaKind } from './types.js';
import { useNewMedium } from './useNewMedium.js';

export interface NewMedium {
  kind: MediaKind;
  serialNumber: string;
  model: string | null;
  capacityGb: number | null;
}

interface AddMediumFormProps {
  device: DeviceCard;
  inputRef: Ref<HTMLInputElement>;
  onBlur: (event: FocusEvent<HTMLInputElement>) => void;
  /** Resolves with an error message for the serial field, or null when the medium was added. */
  onAdd: (medium: NewMedium) => Promise<string | null>;
  /** An asset tag scanned here by habit: open that device instead of adding a disk named like it. */
  onDeviceCode: (code: string) => void;
}

/** The disk's serial is scanned from its barcode (or typed) then Enter; the kind follows the device type. */
export const AddMediumForm = ({ device, inputRef, onBlur, onAdd, onDeviceCode }: AddMediumFormProps) => {
  const translate = useTranslate();
  const { serial, setSerial, kind, setKind, model, setModel, capacity, setCapacity, error, setError, submit } = useNewMedium(device, onAdd, onDeviceCode);

  const submitOnEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter') void submit();
  };

  return (
    <Box component="section" aria-labelledby="add-medium-title">
      <Typography variant="subtitle1" component="h3" id="add-medium-title" sx={{ fontWeight: 700, mb: 1 }}>
        {translate('reemploi.wiping.add_title')}
      </Typography>
      <ScanField
        id="medium-serial"
        inputRef={inputRef}
        size="medium"
        label={translate('reemploi.wiping.medium_serial')}
        helperText={error ?? translate('reemploi.wiping.medium_serial_helper')}
        value={serial}
        onChange={(value) => {
          setSerial(value);
          setError(null);
        }}
        onSubmit={submit}
        onBlur={onBlur}
        submitLabel={translate('reemploi.wiping.add')}
        submitIcon={<AddIcon fontSize="large" />}
        error={!!error}
      />
      <Box sx={{ display: 'grid', gap: 2, mt: 2, gridTemplateColumns: { xs: '1fr', sm: '1.2fr 1.5fr 1fr' } }}>
        <TextField select id="medium-kind" label={translate('reemploi.wiping.medium_kind')} value={kind} onChange={(event) => setKind(event.target.value as MediaKind)} size="small">
          {kindChoices.map((choice) => (
            <MenuItem key={choice.id} value={choice.id}>
              {translate(choice.name)}
            </MenuItem>
          ))}
        </TextField>
        <TextField id="medium-model" label={translate('reemploi.wiping.medium_model')} value={model} onChange={(event) => setModel(event.target.value)} onKeyDown={submitOnEnter} size="small" />
        <TextField
          id="medium-capacity"
          label={translate('reemploi.wiping.medium_capacity')}
          value={capacity}
          onChange={(event) => setCapacity(event.target.value.replace(/[^\d.,]/g, ''))}
          onKeyDown={submitOnEnter}
          size="small"
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        />
      </Box>
    </Box>
  );
};
