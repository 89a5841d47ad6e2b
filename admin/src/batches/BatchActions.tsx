import { Link } from 'react-router-dom';
import { Confirm, useTranslate } from 'react-admin';
import { Button, Stack, Typography } from '@mui/material';
import PdfIcon from '@mui/icons-material/PictureAsPdf';
import XlsxIcon from '@mui/icons-material/TableView';
import ReadyIcon from '@mui/icons-material/LockClock';
import CloseIcon from '@mui/icons-material/Archive';
import PickupIcon from '@mui/icons-material/QrCodeScanner';
import { useCan } from '../providers/hooks.js';
import { canBeClosed, hasManifest, type Batch } from './types.js';
import { useBatchActions, type PendingBatchAction } from './useBatchActions.js';

/** What can be done with the batch at its stage: pick it up, mark it ready, close it, download its papers. */
export const BatchActions = ({ batch, deviceCount, onChanged, onDialogChange }: { batch: Batch; deviceCount: number; onChanged: () => void; onDialogChange: (open: boolean) => void }) => {
  const translate = useTranslate();
  const canEdit = useCan('edit', 'batches');
  const canPickup = useCan('create', 'pickups');
  const { pending, busy, open, run, manifest } = useBatchActions(batch, onChanged, onDialogChange);

  // one button a line on a phone: wide targets for a thumb, no ragged rows
  const buttonSx = { minHeight: 48, width: { xs: '100%', sm: 'auto' } };
  return (
    <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap' }}>
      {canPickup && batch.status === 'ready' && (
        <Button component={Link} to={`/pickup/${batch.id}`} variant="contained" size="large" startIcon={<PickupIcon />} sx={buttonSx}>
          {translate('resources.batches.actions.pickup')}
        </Button>
      )}
      {canEdit && batch.status === 'draft' && (
        <Button variant="contained" size="large" startIcon={<ReadyIcon />} onClick={() => open('ready')} disabled={!deviceCount} sx={buttonSx}>
          {translate('resources.batches.actions.ready')}
        </Button>
      )}
      {canEdit && canBeClosed(batch.status) && (
        <Button variant="contained" size="large" startIcon={<CloseIcon />} onClick={() => open('close')} sx={buttonSx}>
          {translate('resources.batches.actions.close')}
        </Button>
      )}
      {hasManifest(batch.status) && (
        <>
          <Button variant="outlined" size="large" startIcon={<PdfIcon />} onClick={() => manifest('pdf')} sx={buttonSx}>
            {translate('resources.batches.actions.manifest_pdf')}
          </Button>
          <Button variant="outlined" size="large" startIcon={<XlsxIcon />} onClick={() => manifest('xlsx')} sx={buttonSx}>
            {translate('resources.batches.actions.manifest_xlsx')}
          </Button>
          <Button variant="outlined" size="large" startIcon={<PdfIcon />} onClick={() => manifest('pdf', 'certificates')} sx={buttonSx}>
            {translate('resources.batches.actions.certificates_pdf')}
          </Button>
        </>
      )}
      <BatchStateConfirms batch={batch} deviceCount={deviceCount} pending={pending} busy={busy} onConfirm={run} onClose={() => open(null)} />
    </Stack>
  );
};

interface BatchStateConfirmsProps {
  batch: Batch;
  deviceCount: number;
  pending: PendingBatchAction;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** "Prêt à l'enlèvement" freezes the list (the dialog says how many devices); closing archives the batch. */
const BatchStateConfirms = ({ batch, deviceCount, pending, busy, onConfirm, onClose }: BatchStateConfirmsProps) => {
  const translate = useTranslate();
  return (
    <>
      <Confirm
        isOpen={pending === 'ready'}
        loading={busy}
        title="resources.batches.ready_dialog.title"
        translateOptions={{ reference: batch.reference }}
        content={
          <>
            <Typography sx={{ mb: 1 }}>{translate('resources.batches.ready_dialog.content')}</Typography>
            <Typography sx={{ fontWeight: 700 }}>{translate('resources.batches.ready_dialog.count', { smart_count: deviceCount })}</Typography>
          </>
        }
        confirm="resources.batches.ready_dialog.confirm"
        confirmColor="primary"
        onConfirm={onConfirm}
        onClose={onClose}
      />
      <Confirm
        isOpen={pending === 'close'}
        loading={busy}
        title="resources.batches.close_dialog.title"
        translateOptions={{ reference: batch.reference }}
        content="resources.batches.close_dialog.content"
        confirm="resources.batches.close_dialog.confirm"
        confirmColor="primary"
        onConfirm={onConfirm}
        onClose={onClose}
      />
    </>
  );
};
