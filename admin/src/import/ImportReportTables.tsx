import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Button, Card, Chip, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import type { ImportReport } from '../types.js';
import { useCan } from '../providers/hooks.js';
import { MapTypeDialog } from './MapTypeDialog.js';

const ACTION_COLORS: Record<ImportReport['preview'][number]['action'], { background: string; color: string }> = {
  create: { background: '#d3eedb', color: '#114d1f' },
  update: { background: '#dce7f7', color: '#0f3a6b' },
  unchanged: { background: '#e3e6ea', color: '#1b1f24' },
  reject: { background: '#f8d6d4', color: '#8b1610' },
};

const useFieldLabel = () => {
  const translate = useTranslate();
  return (field: string) => translate(`resources.devices.fields.${field}`);
};

/**
 * The rows the import refuses, with the values the file had (type as written), and why. A row
 * refused for its « Type » value alone offers an admin « Associer à… »: once mapped,
 * `onTypeMapped` previews the file again.
 */
export const RejectedRowsTable = ({ report, onTypeMapped }: { report: ImportReport; onTypeMapped?: () => void }) => {
  const translate = useTranslate();
  const fieldLabel = useFieldLabel();
  const canMap = useCan('create', 'chassis-mappings') && !!onTypeMapped;
  const [mapping, setMapping] = useState<string | null>(null);
  return (
    <TableContainer component={Card} variant="outlined">
      {mapping !== null && (
        <MapTypeDialog
          value={mapping}
          onCancel={() => setMapping(null)}
          onSaved={() => {
            setMapping(null);
            onTypeMapped?.();
          }}
        />
      )}
      <Table size="small" aria-label={translate('reemploi.import.rejected_rows')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('reemploi.import.row')}</TableCell>
            <TableCell>{fieldLabel('serialNumber')}</TableCell>
            <TableCell>{fieldLabel('type')}</TableCell>
            <TableCell>{fieldLabel('brand')}</TableCell>
            <TableCell>{fieldLabel('model')}</TableCell>
            <TableCell>{translate('reemploi.import.reason')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.rejected.map((rejected) => (
            <TableRow key={rejected.row}>
              <TableCell>{rejected.row}</TableCell>
              <TableCell>{rejected.serialNumber ?? '—'}</TableCell>
              <TableCell>{rejected.type ?? '—'}</TableCell>
              <TableCell>{rejected.brand ?? '—'}</TableCell>
              <TableCell>{rejected.model ?? '—'}</TableCell>
              <TableCell>
                {rejected.reason}
                {canMap && rejected.unknownType && rejected.type && (
                  <Button size="small" variant="outlined" sx={{ ml: 1, mt: 0.5 }} onClick={() => setMapping(rejected.type)} aria-label={`${translate('reemploi.import.map_type')} (« ${rejected.type} »)`}>
                    {translate('reemploi.import.map_type')}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};

/** Each column of the file and the device field it was understood as (or ignored). */
export const ColumnsTable = ({ report }: { report: ImportReport }) => {
  const translate = useTranslate();
  const fieldLabel = useFieldLabel();
  return (
    <TableContainer component={Card} variant="outlined">
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('reemploi.import.column_header')}</TableCell>
            <TableCell>{translate('reemploi.import.column_field')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.columns.map((column, index) => (
            <TableRow key={`${column.header}-${index}`}>
              <TableCell>{column.header}</TableCell>
              <TableCell>
                {column.field ? (
                  fieldLabel(column.field)
                ) : (
                  <Chip size="small" label={translate('reemploi.import.ignored')} sx={{ bgcolor: '#fde3cc', color: '#7a3500' }} />
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};

/** A refused row's « Type » as the file wrote it, when the import does not know it. */
const rawType = (report: ImportReport, row: number) => report.rejected.find((rejected) => rejected.row === row)?.type ?? undefined;

/** The first rows as they will be imported: created, updated, unchanged or refused. */
export const PreviewRowsTable = ({ report }: { report: ImportReport }) => {
  const translate = useTranslate();
  const fieldLabel = useFieldLabel();
  return (
    <TableContainer component={Card} variant="outlined">
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('reemploi.import.row')}</TableCell>
            <TableCell>{translate('reemploi.import.action')}</TableCell>
            <TableCell>{fieldLabel('serialNumber')}</TableCell>
            <TableCell>{fieldLabel('type')}</TableCell>
            <TableCell>{fieldLabel('brand')}</TableCell>
            <TableCell>{fieldLabel('model')}</TableCell>
            <TableCell>{fieldLabel('originSite')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.preview.map(({ row, action, device }) => (
            <TableRow key={row}>
              <TableCell>{row}</TableCell>
              <TableCell>
                <Chip size="small" label={translate(`reemploi.import.actions.${action}`)} sx={ACTION_COLORS[action]} />
              </TableCell>
              <TableCell>{device.serialNumber ?? '—'}</TableCell>
              <TableCell>{device.type ? translate(`resources.devices.types.${device.type}`) : (rawType(report, row) ?? '—')}</TableCell>
              <TableCell>{device.brand ?? '—'}</TableCell>
              <TableCell>{device.model ?? '—'}</TableCell>
              <TableCell>{device.originSite ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};
