import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { CreateButton, EditButton, Show, TopToolbar, useGetList, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { Box, Card, CardContent, Link as MuiLink, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import RenewIcon from '@mui/icons-material/EventRepeat';
import { Facts } from '../layout/Facts.js';
import { intlLocale } from '../i18n/i18nProvider.js';
import { useCan } from '../providers/hooks.js';
import { describeDetails } from '../admin-log/describe.js';
import type { AdminLogEntry } from '../admin-log/types.js';
import { AgreementStatusChip } from './AgreementStatusChip.js';
import { nextPeriod, toFormValues } from './formValues.js';
import { useAgreementFormat } from './useAgreementFormat.js';
import { DEVICE_TYPES, type Agreement } from './types.js';

const Section = ({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) => {
  const translate = useTranslate();
  const id = `agreement-${testId}`;
  return (
    <Card variant="outlined" component="section" aria-labelledby={id} data-testid={testId}>
      <CardContent>
        <Typography id={id} variant="h6" component="h2" sx={{ mb: 1.5 }}>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
};

const AgreementTitle = () => {
  const translate = useTranslate();
  const agreement = useRecordContext<Agreement>();
  return <span>{agreement ? translate('resources.agreements.show_title', { partner: agreement.partner }) : ''}</span>;
};

/** Edit (a correction) and renew (the next period, prefilled with this one's commitments and caps). */
const ShowActions = () => {
  const agreement = useRecordContext<Agreement>();
  const [locale] = useLocaleState();
  const renewal = agreement ? { ...toFormValues(agreement, intlLocale(locale)), ...nextPeriod(agreement) } : undefined;
  return (
    <TopToolbar>
      <EditButton />
      <CreateButton label="resources.agreements.actions.renew" icon={<RenewIcon />} state={{ record: renewal }} />
    </TopToolbar>
  );
};

const Commitments = ({ agreement }: { agreement: Agreement }) => {
  const translate = useTranslate();
  const format = useAgreementFormat();
  const label = (field: string) => translate(`resources.agreements.fields.${field}`);
  return (
    <Stack spacing={2}>
      <Section title="resources.agreements.sections.department" testId="department">
        <Facts labelWidth={320} rows={[[label('devicesCommitted'), format.integer(agreement.devicesCommitted)]]} />
      </Section>
      <Section title="resources.agreements.sections.partner_commitments" testId="partner-commitments">
        <Facts
          labelWidth={320}
          rows={[
            [label('residentsCommitted'), format.integer(agreement.residentsCommitted)],
            [label('trainingsCommitted'), format.integer(agreement.trainingsCommitted)],
            [label('solidaritySalesCommitted'), format.integer(agreement.solidaritySalesCommitted)],
          ]}
        />
      </Section>
    </Stack>
  );
};

/** Every device type, with its cap or, in words, that it cannot be sold under this agreement. */
const PriceCaps = ({ agreement }: { agreement: Agreement }) => {
  const translate = useTranslate();
  const format = useAgreementFormat();
  return (
    <Section title="resources.agreements.sections.caps" testId="price-caps">
      <Table size="small" aria-label={translate('resources.agreements.sections.caps')} sx={{ maxWidth: 560 }}>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">{translate('resources.agreements.caps.type')}</TableCell>
            <TableCell component="th" scope="col" align="right">{translate('resources.agreements.caps.cap')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {DEVICE_TYPES.map((type) => {
            const cap = agreement.priceCaps[type];
            return (
              <TableRow key={type} data-testid={`cap-${type}`}>
                <TableCell component="th" scope="row">{translate(`resources.devices.types.${type}`)}</TableCell>
                <TableCell align="right" sx={cap === undefined ? { color: 'text.secondary', fontStyle: 'italic' } : { fontWeight: 600, whiteSpace: 'nowrap' }}>
                  {cap === undefined ? translate('resources.agreements.caps.none') : format.euros(cap)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Section>
  );
};

/** How the desk checks who comes, and the places printed on the voucher. */
const Desk = ({ agreement }: { agreement: Agreement }) => {
  const translate = useTranslate();
  const label = (field: string) => translate(`resources.agreements.fields.${field}`);
  const shopLines = (shop: Agreement['shops'][number]) => (
    <Box component="span" sx={{ display: 'block', mb: 1 }}>
      <strong>{shop.name}</strong>
      {[shop.address, shop.openingHours, shop.directions].filter(Boolean).map((line) => (
        <Box component="span" key={line} sx={{ display: 'block' }}>
          {line}
        </Box>
      ))}
    </Box>
  );
  return (
    <Section title="resources.agreements.sections.desk" testId="desk">
      <Facts
        labelWidth={320}
        rows={[
          [label('identityCheck'), translate(`resources.agreements.identity_checks.${agreement.identityCheck}`)],
          [label('shops'), agreement.shops.length ? agreement.shops.map((shop, index) => <Box component="span" key={index}>{shopLines(shop)}</Box>) : null],
        ]}
      />
    </Section>
  );
};

/** Every period agreed with this partner: the history is the list of agreements, never overwritten by a renewal. */
const PartnerHistory = ({ agreement }: { agreement: Agreement }) => {
  const translate = useTranslate();
  const format = useAgreementFormat();
  const { data } = useGetList<Agreement>('agreements', { filter: { partner: agreement.partner }, sort: { field: 'startsOn', order: 'DESC' }, pagination: { page: 1, perPage: 50 } });
  return (
    <Section title="resources.agreements.sections.history" testId="partner-history">
      <Table size="small" aria-label={translate('resources.agreements.sections.history')}>
        <TableBody>
          {(data ?? []).map((other) => (
            <TableRow key={other.id} selected={other.id === agreement.id}>
              <TableCell>
                {other.id === agreement.id ? (
                  <Typography component="span" variant="body2" sx={{ fontWeight: 600 }}>
                    {format.period(other)} {translate('resources.agreements.this_one')}
                  </Typography>
                ) : (
                  <MuiLink component={Link} to={`/agreements/${other.id}/show`}>
                    {format.period(other)}
                  </MuiLink>
                )}
              </TableCell>
              <TableCell align="right">
                <AgreementStatusChip agreement={other} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
};

/** What admins changed on this agreement, from the administration log (admins only, as the log). */
const Changes = ({ agreement }: { agreement: Agreement }) => {
  const translate = useTranslate();
  const format = useAgreementFormat();
  const { data } = useGetList<AdminLogEntry>('admin-log', {
    filter: { targetType: 'agreements', targetId: String(agreement.id), action: ['agreement_created', 'agreement_updated'] },
    sort: { field: 'at', order: 'DESC' },
    pagination: { page: 1, perPage: 50 },
  });
  return (
    <Section title="resources.agreements.sections.changes" testId="changes">
      {(data ?? []).length === 0 ? (
        <Typography color="text.secondary">{translate('resources.agreements.no_changes')}</Typography>
      ) : (
        <Table size="small" aria-label={translate('resources.agreements.sections.changes')}>
          <TableBody>
            {(data ?? []).map((entry) => (
              <TableRow key={entry.id}>
                <TableCell sx={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{format.dateTime(entry.at)}</TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>{entry.actorName ?? entry.actorEmail ?? ''}</TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {translate(`reemploi.adminLog.actions.${entry.action}`)}
                  </Typography>
                  <Typography variant="body2">{describeDetails(entry, translate, format.locale)}</Typography>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
};

const AgreementDetails = () => {
  const translate = useTranslate();
  const format = useAgreementFormat();
  const agreement = useRecordContext<Agreement>();
  const canReadLog = useCan('list', 'admin-log');
  if (!agreement) return null;
  const label = (field: string) => translate(`resources.agreements.fields.${field}`);
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Section title="resources.agreements.sections.partner" testId="summary">
        <Facts
          labelWidth={320}
          rows={[
            [label('partner'), agreement.partner],
            [label('period'), format.period(agreement)],
            [label('status'), <AgreementStatusChip key="status" agreement={agreement} />],
            [label('reuseCommitmentRef'), agreement.reuseCommitmentRef],
            [label('maxDeviceAgeYears'), agreement.maxDeviceAgeYears === null ? translate('resources.agreements.no_age_limit') : translate('resources.agreements.years', { smart_count: agreement.maxDeviceAgeYears })],
          ]}
        />
      </Section>
      <Commitments agreement={agreement} />
      <PriceCaps agreement={agreement} />
      <Desk agreement={agreement} />
      <PartnerHistory agreement={agreement} />
      {canReadLog && <Changes agreement={agreement} />}
    </Stack>
  );
};

export const AgreementShow = () => (
  <Show title={<AgreementTitle />} actions={<ShowActions />}>
    <AgreementDetails />
  </Show>
);
