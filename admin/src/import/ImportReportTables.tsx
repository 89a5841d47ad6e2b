import { useTranslate } from 'react-admin';
import { Card, Chip, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import type { ImportReport } from '../types.js';

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

/** The rows the import refuses, with the values the file had (type as written), and why. */
export const RejectedRowsTable = ({ report }: { report: ImportReport }) => {
  const translate = useTranslate();
  const fieldLabel = useFieldLabel();
  return (
    <TableContainer component={Card} variant="outlined">
      <Table size="small">
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
              <TableCell>{rejected.reason}</TableCell>
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
              <TableCell>{device.type ? translate(`resources.devices.types.${device.type}`) : '—'}</TableCell>
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
