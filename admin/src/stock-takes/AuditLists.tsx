import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  InputAdornment,
  Link as MuiLink,
  Stack,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import FilterIcon from '@mui/icons-material/FilterList';
import RelocateIcon from '@mui/icons-material/WhereToVote';
import { useFormat } from '../i18n/useFormat.js';
import { StatusChip } from '../devices/StatusChip.js';
import { MissingChip } from './MissingChip.js';
import { useRelocationSelection } from './useRelocationSelection.js';
import type { AuditDetail, AuditDeviceRow, AuditListKey, UnknownCode } from './types.js';

const TABS: AuditListKey[] = ['missing', 'found', 'unexpected', 'unknown'];

interface AuditListsProps {
  audit: AuditDetail;
  /** Moves the ticked unexpected devices to the audited site; resolves when done. */
  onRelocate?: (ids: number[]) => Promise<void>;
  initialTab?: AuditListKey;
}

/** The four lists of a stock-take as tabs, each narrowed by one quick text filter. */
export const AuditLists = ({ audit, onRelocate, initialTab = 'missing' }: AuditListsProps) => {
  const translate = useTranslate();
  const [tab, setTab] = useState<AuditListKey>(initialTab);
  const [filter, setFilter] = useState('');
  const t = (key: string, options?: Record<string, unknown>) => translate(`resources.audits.session.${key}`, options);
  const lists = audit.lists;
  const counts: Record<AuditListKey, number> = { found: audit.found, missing: audit.missing, unexpected: audit.unexpected, unknown: audit.unknown };

  const needle = filter.trim().toLocaleLowerCase();
  const deviceMatches = (row: AuditDeviceRow) =>
    !needle ||
    [row.assetTag, row.brand, row.model, row.site, translate(`resources.devices.types.${row.type}`), translate(`resources.devices.statuses.${row.status}`)]
      .filter(Boolean)
      .some((text) => text!.toLocaleLowerCase().includes(needle));
  const unknownMatches = (row: UnknownCode) => !needle || [row.code, row.scannedBy].some((text) => text.toLocaleLowerCase().includes(needle));

  let panel: ReactNode;
  if (tab === 'unknown') {
    const rows = lists.unknown.filter(unknownMatches);
    panel = <UnknownTable rows={rows} total={lists.unknown.length} />;
  } else {
    const all = lists[tab];
    const rows = all.filter(deviceMatches);
    panel =
      tab === 'unexpected' ? (
        <UnexpectedTable rows={rows} total={all.length} site={audit.site} onRelocate={onRelocate} />
      ) : (
        <DeviceTable rows={rows} total={all.length} showMissingSince={tab === 'missing'} />
      );
  }

  return (
    // inline-size containment: the wide tables scroll inside the card instead of widening the page on a phone
    <Box component="section" aria-label={translate('resources.audits.name', { smart_count: 1 })} data-testid="audit-lists" sx={{ contain: 'inline-size' }}>
      <Tabs
        value={tab}
        onChange={(_event, value: AuditListKey) => setTab(value)}
        variant="scrollable"
        allowScrollButtonsMobile
        aria-label={translate('resources.audits.name', { smart_count: 1 })}
        sx={{ borderBottom: 1, borderColor: 'divider' }}
      >
        {TABS.map((key) => (
          <Tab
            key={key}
            value={key}
            id={`audit-tab-${key}`}
            aria-controls="audit-tabpanel"
            label={`${translate(`resources.audits.fields.${key}`)} (${counts[key]})`}
            sx={{ fontWeight: 700, fontSize: '1rem', minHeight: 52 }}
          />
        ))}
      </Tabs>
      <TextField
        id="audit-list-filter"
        size="small"
        label={t('filter')}
        placeholder={t('filter_helper')}
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        sx={{ width: { xs: '100%', sm: 360 }, mt: 2, mb: 1 }}
        slotProps={{ input: { startAdornment: <InputAdornment position="start"><FilterIcon aria-hidden /></InputAdornment> } }}
      />
      <Box id="audit-tabpanel" role="tabpanel" aria-labelledby={`audit-tab-${tab}`} sx={{ pt: 1 }}>
        {panel}
      </Box>
    </Box>
  );
};

const Empty = ({ total }: { total: number }) => {
  const translate = useTranslate();
  return <Typography sx={{ p: 2 }} color="text.secondary">{translate(`resources.audits.session.${total ? 'no_match' : 'empty_list'}`)}</Typography>;
};

const DeviceCells = ({ row }: { row: AuditDeviceRow }) => {
  const translate = useTranslate();
  return (
    <>
      <TableCell sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>
        <MuiLink component={Link} to={`/devices/${row.id}/show`} underline="hover">
          {row.assetTag}
        </MuiLink>
      </TableCell>
      <TableCell>{[translate(`resources.devices.types.${row.type}`), row.brand, row.model].filter(Boolean).join(' · ')}</TableCell>
      <TableCell>
        <StatusChip status={row.status} />
      </TableCell>
    </>
  );
};

const DeviceHead = ({ extra, leading }: { extra?: ReactNode; leading?: ReactNode }) => {
  const translate = useTranslate();
  return (
    <TableHead>
      <TableRow>
        {leading}
        <TableCell>{translate('resources.devices.fields.assetTagShort')}</TableCell>
        <TableCell>{translate('resources.devices.fields.brandAndModel')}</TableCell>
        <TableCell>{translate('resources.devices.fields.status')}</TableCell>
        {extra}
      </TableRow>
    </TableHead>
  );
};

const DeviceTable = ({ rows, total, showMissingSince }: { rows: AuditDeviceRow[]; total: number; showMissingSince?: boolean }) => {
  if (!rows.length) return <Empty total={total} />;
  return (
    <TableContainer>
      <Table size="small">
        <DeviceHead extra={showMissingSince ? <TableCell /> : undefined} />
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} hover data-testid="audit-row">
              <DeviceCells row={row} />
              {showMissingSince && (
                <TableCell>
                  <MissingChip since={row.missingSince} />
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {rows.length < total && <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>{`${rows.length} / ${total}`}</Typography>}
    </TableContainer>
  );
};

const UnexpectedTable = ({ rows, total, site, onRelocate }: { rows: AuditDeviceRow[]; total: number; site: string; onRelocate?: (ids: number[]) => Promise<void> }) => {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`resources.audits.session.${key}`, options);
  const { selected, busy, selectable, chosen, allChosen, toggle, toggleAll, relocate } = useRelocationSelection(rows, site, onRelocate);
  if (!rows.length) return <Empty total={total} />;

  return (
    <Stack spacing={1}>
      {onRelocate && (
        <Alert severity="info" sx={{ alignItems: 'center' }}>
          {t('relocate_hint', { site })}
        </Alert>
      )}
      <TableContainer>
        <Table size="small">
          <DeviceHead
            leading={
              onRelocate ? (
                <TableCell padding="checkbox">
                  <Checkbox
                    checked={allChosen}
                    indeterminate={chosen.length > 0 && !allChosen}
                    disabled={!selectable.length}
                    onChange={toggleAll}
                    slotProps={{ input: { 'aria-label': t('select_all') } }}
                  />
                </TableCell>
              ) : undefined
            }
            extra={<TableCell>{t('recorded_at')}</TableCell>}
          />
          <TableBody>
            {rows.map((row) => {
              const here = row.site === site;
              return (
                <TableRow key={row.id} hover data-testid="audit-row" selected={selected.has(row.id) && !here}>
                  {onRelocate && (
                    <TableCell padding="checkbox">
                      <Checkbox
                        checked={selected.has(row.id) && !here}
                        disabled={here}
                        onChange={() => toggle(row.id)}
                        slotProps={{ input: { 'aria-label': t('select_row', { assetTag: row.assetTag }) } }}
                      />
                    </TableCell>
                  )}
                  <DeviceCells row={row} />
                  <TableCell>
                    {here ? (
                      <Typography component="span" sx={{ fontWeight: 700, color: 'success.dark' }}>
                        {`${row.site} — ${t('already_here')}`}
                      </Typography>
                    ) : (
                      row.site
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {onRelocate && (
        <Button
          variant="contained"
          size="large"
          startIcon={<RelocateIcon />}
          disabled={!chosen.length || busy}
          onClick={relocate}
          sx={{ alignSelf: 'flex-start', minHeight: 48 }}
        >
          {t('relocate', { smart_count: chosen.length })}
        </Button>
      )}
    </Stack>
  );
};

const UnknownTable = ({ rows, total }: { rows: UnknownCode[]; total: number }) => {
  const translate = useTranslate();
  const format = useFormat();
  const t = (key: string) => translate(`resources.audits.session.${key}`);
  if (!rows.length) return <Empty total={total} />;
  return (
    <TableContainer>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t('code')}</TableCell>
            <TableCell>{t('scanned_by')}</TableCell>
            <TableCell>{t('scanned_at')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.code} data-testid="audit-row">
              <TableCell sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>{row.code}</TableCell>
              <TableCell>{row.scannedBy}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.dateTime(row.scannedAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};
