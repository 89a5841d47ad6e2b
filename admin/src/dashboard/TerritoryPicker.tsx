import { useTranslate } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import { Autocomplete, TextField } from '@mui/material';
import { fetchTerritories } from './reportsApi.js';

/**
 * The territory as written on referrals, chosen from the list the API knows (a typed name that
 * matches nothing would silently give zeros). Empty = the whole Département.
 */
export const TerritoryPicker = ({ value, onChange }: { value: string; onChange: (territory: string) => void }) => {
  const translate = useTranslate();
  const { data, isPending } = useQuery({ queryKey: ['reports', 'territories'], queryFn: fetchTerritories, staleTime: 5 * 60_000 });
  const known = (data ?? []).map((territory) => territory.name);
  // a territory kept from an earlier visit stays visible even if it is no longer listed
  const options = value && !known.includes(value) ? [value, ...known] : known;
  return (
    <Autocomplete
      id="report-territory"
      size="small"
      options={options}
      value={value || null}
      onChange={(_event, territory) => onChange(territory ?? '')}
      loading={isPending}
      loadingText={translate('reemploi.reports.territory.loading')}
      noOptionsText={translate('reemploi.reports.territory.none')}
      clearText={translate('reemploi.reports.territory.clear')}
      openText={translate('reemploi.reports.territory.open')}
      closeText={translate('reemploi.reports.territory.close')}
      sx={{ width: 320, mt: { xs: 0, md: 3 }, ml: { md: 'auto' } }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={translate('reemploi.reports.territory.label')}
          placeholder={translate('reemploi.reports.territory.all')}
          helperText={translate('reemploi.reports.territory.helper')}
          slotProps={{ ...params.slotProps, inputLabel: { ...params.slotProps?.inputLabel, shrink: true } }}
        />
      )}
    />
  );
};
