import { useState } from 'react';
import { Link } from 'react-router-dom';
import { EditButton, Pagination, ReferenceManyField, Show, TopToolbar, useListContext, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DownloadIcon from '@mui/icons-material/Download';
import EraseIcon from '@mui/icons-material/PersonOff';
import { useCan, useReemploiDataProvider, useRole } from '../providers/hooks.js';
import { useFormat } from '../i18n/useFormat.js';
import { downloadFile } from '../batches/download.js';
import { CancelReferralButton } from './CancelReferralButton.js';
import { ReferralStatusChip } from './ReferralStatusChip.js';
import { printVoucher } from './printVoucher.js';
import { OPEN_STATUSES, type Beneficiary, type Referral } from './types.js';
import { formatFrenchPhone } from './phone.js';

const Fact = ({ label, value }: { label: string; value: string | number | null | undefined }) => (
  <Box component="div" sx={{ minWidth: 0 }}>
    <Typography component="dt" variant="body2" color="text.secondary">
      {label}
    </Typography>
    <Typography component="dd" sx={{ m: 0, fontWeight: 600, overflowWrap: 'anywhere' }}>
      {value || '—'}
    </Typography>
  </Box>
);

const EraseButton = ({ person }: { person: Beneficiary }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useReemploiDataProvider();
  const [open, setOpen] = useState(false);
  const t = (key: string) => translate(`reemploi.referrals.person.${key}`);
  const erase = async () => {
    try {
      await dataProvider.eraseBeneficiary(person.id);
      notify(t('erased'), { type: 'success' });
      setOpen(false);
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <>
      <Button color="error" variant="outlined" startIcon={<EraseIcon />} onClick={() => setOpen(true)}>
        {t('erase')}
      </Button>
      {open && (
        <Dialog open onClose={() => setOpen(false)} aria-labelledby="erase-title" maxWidth="sm">
          <DialogTitle id="erase-title">{t('erase_title')}</DialogTitle>
          <DialogContent>
            <DialogContentText>{t('erase_text')}</DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
            <Button color="error" variant="contained" onClick={erase}>
              {t('erase')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
};

const Actions = () => {
  const person = useRecordContext<Beneficiary>();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  const role = useRole();
  const canRefer = useCan('create', 'referrals');
  if (!person) return null;
  const exportAs = (format: 'json' | 'pdf') =>
    downloadFile(dataProvider, `/beneficiaries/${person.id}/export.${format}`, `donnees-personne-${person.id}.${format}`).catch((error: Error) =>
      notify(error.message, { type: 'error' }),
    );
  return (
    <TopToolbar sx={{ flexWrap: 'wrap', gap: 1 }}>
      {canRefer && !person.anonymised && (
        <Button component={Link} to={`/referrals/create?beneficiary=${person.id}`} startIcon={<AddIcon />}>
          {translate('reemploi.referrals.person.refer')}
        </Button>
      )}
      {!person.anonymised && <EditButton label="reemploi.referrals.person.rectify" />}
      {role === 'admin' && (
        <>
          <Button startIcon={<DownloadIcon />} onClick={() => exportAs('json')}>
            {translate('reemploi.referrals.person.export_json')}
          </Button>
          <Button startIcon={<DownloadIcon />} onClick={() => exportAs('pdf')}>
            {translate('reemploi.referrals.person.export_pdf')}
          </Button>
          {!person.anonymised && <EraseButton person={person} />}
        </>
      )}
    </TopToolbar>
  );
};

const ReferralItems = () => {
  const { data, isPending } = useListContext<Referral>();
  const translate = useTranslate();
  const format = useFormat();
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  if (isPending) return null;
  if (!data?.length) return <Typography color="text.secondary">{translate('reemploi.referrals.person.no_referral')}</Typography>;
  return (
    <Stack component="ul" spacing={1.5} sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {data.map((referral) => (
        <Box component="li" key={referral.id} data-testid="person-referral" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }}>
          <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography sx={{ fontFamily: 'monospace', fontWeight: 800, fontSize: '1.1rem', whiteSpace: 'nowrap' }}>{referral.voucherCode}</Typography>
            <ReferralStatusChip status={referral.status} />
            <Typography>{translate(`resources.devices.types.${referral.need}`)}</Typography>
            <Typography color="text.secondary">
              {translate('resources.referrals.fields.createdAt')} {format.date(referral.createdAt)}
              {referral.referrerName ? ` · ${referral.referrerName}` : ''}
            </Typography>
            {OPEN_STATUSES.includes(referral.status) && (
              <Stack direction="row" spacing={1} sx={{ ml: 'auto' }}>
                <Button size="small" onClick={() => printVoucher(dataProvider, referral).catch((error: Error) => notify(error.message, { type: 'error' }))}>
                  {translate('reemploi.referrals.person.print')}
                </Button>
                <CancelReferralButton referral={referral} />
              </Stack>
            )}
          </Stack>
          {referral.refusalReason && (
            <Typography sx={{ mt: 0.5 }}>
              {translate('resources.referrals.fields.refusalReason')} : {translate(`resources.referrals.refusal_reasons.${referral.refusalReason}`)}
              {referral.statusNote ? ` — ${referral.statusNote}` : ''}
            </Typography>
          )}
          {referral.cancellationReason && (
            <Typography sx={{ mt: 0.5 }}>
              {translate('resources.referrals.fields.cancellationReason')} : {translate(`resources.referrals.cancellation_reasons.${referral.cancellationReason}`)}
              {referral.statusNote ? ` — ${referral.statusNote}` : ''}
            </Typography>
          )}
        </Box>
      ))}
    </Stack>
  );
};

const PersonCard = () => {
  const person = useRecordContext<Beneficiary>();
  const translate = useTranslate();
  const format = useFormat();
  if (!person) return null;
  const f = (field: string) => translate(`resources.beneficiaries.fields.${field}`);
  const name = [person.firstName, person.lastName].filter(Boolean).join(' ');
  return (
    <Stack spacing={2} sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
        {name || translate('resources.beneficiaries.name', { smart_count: 1 })}
      </Typography>
      {person.anonymised && <Alert severity="info">{translate('reemploi.referrals.person.anonymised')}</Alert>}
      <Box component="dl" sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, 1fr)' }, m: 0 }}>
        <Fact label={f('birthYear')} value={person.birthYear} />
        <Fact label={f('postcode')} value={[person.postcode, person.commune].filter(Boolean).join(' ')} />
        <Fact label={f('eligibility')} value={translate(`resources.beneficiaries.eligibility.${person.eligibility}`)} />
        <Fact label={translate('resources.beneficiaries.fields.phone').replace(/\s*\(.*\)$/, '')} value={formatFrenchPhone(person.phone)} />
        <Fact label={f('territory')} value={person.territory} />
        <Fact label={f('consentAt')} value={format.date(person.consentAt)} />
      </Box>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>
            {translate('reemploi.referrals.person.referrals')}
          </Typography>
          <ReferenceManyField reference="referrals" target="beneficiary" sort={{ field: 'createdAt', order: 'DESC' }} perPage={10} pagination={<Pagination rowsPerPageOptions={[]} />}>
            <ReferralItems />
          </ReferenceManyField>
        </CardContent>
      </Card>
    </Stack>
  );
};

export const BeneficiaryShow = () => (
  <Show actions={<Actions />}>
    <PersonCard />
  </Show>
);
