import { useState } from 'react';
import { Button, useListContext, useNotify, useRefresh, useTranslate, useUnselectAll } from 'react-admin';
import PrintIcon from '@mui/icons-material/Print';
import { PrintLabelsDialog } from './PrintLabelsDialog.js';

/** Bulk action: the selected devices' labels, on the sheet or roll chosen in the print dialog. */
export const PrintLabelsButton = () => {
  const { selectedIds } = useListContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('devices');
  const translate = useTranslate();
  const [open, setOpen] = useState(false);

  const printed = (message: string) => {
    notify(message, { type: 'success' });
    unselectAll();
    refresh();
  };

  return (
    <>
      <Button label={translate('resources.devices.actions.print_labels')} onClick={() => setOpen(true)} variant="contained">
        <PrintIcon />
      </Button>
      <PrintLabelsDialog open={open} ids={selectedIds} onClose={() => setOpen(false)} onPrinted={printed} />
    </>
  );
};
