import { Create, DateInput, SimpleForm, TextInput, required, useNotify, useRedirect, useTranslate } from 'react-admin';
import { Typography } from '@mui/material';
import { BatchSiteInput } from './BatchSiteInput.js';
import type { Batch } from './types.js';

/** Step 1 of a batch: where it leaves from and when. Step 2 (scanning the devices) is its page. */
export const BatchCreate = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      title="resources.batches.new"
      mutationOptions={{
        onSuccess: (batch: Batch) => {
          notify('resources.batches.notifications.created', { type: 'success', messageArgs: { reference: batch.reference } });
          redirect('show', 'batches', batch.id);
        },
      }}
    >
      <SimpleForm sx={{ maxWidth: 640 }}>
        <Typography sx={{ mb: 2 }}>{translate('resources.batches.create_intro')}</Typography>
        <BatchSiteInput validate={[required()]} />
        <DateInput source="plannedAt" />
        <TextInput source="notes" multiline minRows={2} fullWidth />
      </SimpleForm>
    </Create>
  );
};
