import { useState } from 'react';
import { Button, useListContext, useNotify, useRefresh, useTranslate, useUnselectAll } from 'react-admin';
import PrintIcon from '@mui/icons-material/Print';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { openLabelSheet } from './labels.js';

/** Bulk action: one A4 sheet with the selected devices' labels. */
export const PrintLabelsButton = () => {
  const { selectedIds } = useListContext();
  const dataProvider = useReemploiDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('devices');
  const translate = useTranslate();
  const [printing, setPrinting] = useState(false);

  const print = async () => {
    setPrinting(true);
    try {
      const opened = await openLabelSheet(dataProvider, selectedIds);
      notify(opened ? 'resources.devices.notifications.labels_ready' : 'resources.devices.notifications.popup_blocked', {
        type: 'success',
        messageArgs: { smart_count: selectedIds.length },
      });
      unselectAll();
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setPrinting(false);
    }
  };

  return (
    <Button label={translate('resources.devices.actions.print_labels')} onClick={print} disabled={printing} variant="contained">
      <PrintIcon />
    </Button>
  );
};
