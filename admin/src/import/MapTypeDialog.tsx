import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup } from '@mui/material';
import { DEVICE_TYPES, type DeviceType } from '../../../api/devices/lifecycle.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { ErrorAlert } from '../forms/ErrorAlert.js';

/**
 * An admin tells the imports what a « Type » value they refused means (« Rack Mount Chassis » →
 * unité centrale): stored by the API, read by the next imports of files and GLPI inventories.
 */
export const MapTypeDialog = ({ value, onCancel, onSaved }: { value: string; onCancel: () => void; onSaved: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  const [deviceType, setDeviceType] = useState<DeviceType | ''>('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    if (!deviceType) return;
    setSaving(true);
    setError(null);
    try {
      await dataProvider.saveChassisMapping({ label: value, deviceType });
      notify(translate('reemploi.import.map_type_saved', { value, type: translate(`resources.devices.types.${deviceType}`) }), { type: 'success' });
      onSaved();
    } catch (failure) {
      setError((failure as Error).message);
      setSaving(false);
    }
  };

  return (
    <Dialog open onClose={onCancel} aria-labelledby="map-type-title" maxWidth="sm" fullWidth>
      <DialogTitle id="map-type-title">{translate('reemploi.import.map_type_title', { value })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate('reemploi.import.map_type_help', { value })}</DialogContentText>
        <FormControl required>
          <FormLabel id="map-type-label">{translate('reemploi.import.map_type_field')}</FormLabel>
          <RadioGroup aria-labelledby="map-type-label" value={deviceType} onChange={(event) => setDeviceType(event.target.value as DeviceType)}>
            {DEVICE_TYPES.map((type) => (
              <FormControlLabel key={type} value={type} control={<Radio />} label={translate(`resources.devices.types.${type}`)} sx={{ minHeight: 44 }} />
            ))}
          </RadioGroup>
        </FormControl>
        <ErrorAlert message={error} sx={{ mt: 2 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} size="large">
          {translate('ra.action.cancel')}
        </Button>
        <Button variant="contained" size="large" disabled={!deviceType || saving} onClick={save}>
          {translate('reemploi.import.map_type_save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
