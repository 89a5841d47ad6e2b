import { Link } from 'react-router-dom';
import { CreateButton, DataTable, List, SearchInput, SelectInput, useNotify, useTranslate } from 'react-admin';
import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import ReceiveIcon from '@mui/icons-material/HowToReg';
import { useCan, useReemploiDataProvider, useRole } from '../providers/hooks.js';
import { useFormat } from '../i18n/useFormat.js';
import { CardLine, CardTitle, PhoneList } from '../layout/PhoneList.js';
import { ListActions } from '../layout/ListActions.js';
import { usePhone } from '../layout/usePhone.js';
import { CancelReferralButton } from './CancelReferralButton.js';
import { printVoucher } from './printVoucher.js';
import { ReferralStatusChip } from './ReferralStatusChip.js';
import { NEEDS, OPEN_STATUSES, REFERRAL_STATUSES, type Referral } from './types.js';
import { referralListTitle } from './listTitle.js';

const PARTNER_STATUSES = OPEN_STATUSES;

const useFilters = (partner: boolean) => {
  const translate = useTranslate();
  const statuses = (partner ? PARTNER_STATUSES : REFERRAL_STATUSES).map((id) => ({ id, name: `resources.referrals.statuses.${id}` }));
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.referrals.fields.q')} />,
    <SelectInput key="status" source="status" choices={statuses} alwaysOn />,
    <SelectInput key="need" source="need" choices={NEEDS.map((id) => ({ id, name: `resources.devices.types.${id}` }))} alwaysOn />,
  ];
};

const Empty = () => {
  const translate = useTranslate();
  const canCreate = useCan('create', 'referrals');
  return (
    <Card sx={{ mt: 2, maxWidth: 720 }}>
      <CardContent>
        <Typography variant="h6" component="h1" gutterBottom>
          {translate('reemploi.referrals.list.empty_title')}
        </Typography>
        <Typography sx={{ mb: 2 }}>{translate(canCreate ? 'reemploi.referrals.list.empty_text' : 'reemploi.referrals.list.empty_partner')}</Typography>
        {canCreate && <CreateButton label="reemploi.referrals.menu.new" variant="contained" size="large" />}
      </CardContent>
    </Card>
  );
};

const PrintButton = ({ referral }: { referral: Referral }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  return (
    <Button
      size="small"
      startIcon={<PrintIcon />}
      aria-label={`${translate('reemploi.referrals.person.print')} ${referral.voucherCode}`}
      onClick={(event) => {
        event.stopPropagation();
        printVoucher(dataProvider, referral).catch((error: Error) => notify(error.message, { type: 'error' }));
      }}
    >
      {translate('reemploi.referrals.person.print')}
    </Button>
  );
};

const yesNo = (value: boolean, translate: (key: string) => string) => translate(value ? 'reemploi.referrals.yes' : 'reemploi.referrals.no');

const ReceiveButton = ({ referral }: { referral: Referral }) => {
  const translate = useTranslate();
  return (
    <Button size="small" variant="outlined" startIcon={<ReceiveIcon />} component={Link} to={`/reception?code=${referral.voucherCode}`}>
      {translate('reemploi.referrals.list.receive')}
    </Button>
  );
};

/** The row's actions: welcome the person (partner), or print / cancel an open referral (social worker). */
const RowActions = ({ referral, partner }: { referral: Referral; partner: boolean }) =>
  partner ? (
    <ReceiveButton referral={referral} />
  ) : OPEN_STATUSES.includes(referral.status) ? (
    <Stack direction="row" spacing={1} sx={{ whiteSpace: 'nowrap' }}>
      <PrintButton referral={referral} />
      <CancelReferralButton referral={referral} />
    </Stack>
  ) : null;

const personPage = (referral: Referral) => `/beneficiaries/${referral.beneficiary}/show`;

/** On a phone: the person, the status, the date and the row's action on one card. */
const ReferralCards = ({ partner }: { partner: boolean }) => {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <PhoneList<Referral>
      testId="referral-card"
      link={partner ? undefined : personPage}
      actions={(referral) => <RowActions referral={referral} partner={partner} />}
    >
      {(referral) => (
        <>
          <CardTitle title={partner ? referral.firstName : referral.beneficiaryName} status={<ReferralStatusChip status={referral.status} />} />
          <CardLine
            parts={[
              <Box component="span" key="code" sx={{ fontFamily: 'monospace', fontWeight: 700, color: 'text.primary' }}>
                {referral.voucherCode}
              </Box>,
              translate(`resources.devices.types.${referral.need}`),
              format.date(referral.createdAt),
            ]}
          />
          {referral.trainingWanted && <CardLine parts={[translate('resources.referrals.fields.trainingWanted')]} />}
        </>
      )}
    </PhoneList>
  );
};

/** Social worker: "Mes orientations" of the territory. Partner: the referrals waiting for a welcome (least-privilege fields). Admin: every referral. */
export const ReferralList = () => {
  const translate = useTranslate();
  const format = useFormat();
  const role = useRole();
  const phone = usePhone();
  const partner = role === 'partner';
  const filters = useFilters(partner);
  const canCreate = useCan('create', 'referrals');
  const title = referralListTitle(role);
  return (
    <List
      title={translate(title.key, title.options)}
      filters={filters}
      filter={partner ? { status: PARTNER_STATUSES } : undefined}
      actions={canCreate ? <ListActions><CreateButton label="reemploi.referrals.menu.new" /></ListActions> : false}
      empty={<Empty />}
      exporter={false}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
    >
      {phone ? (
        <ReferralCards partner={partner} />
      ) : (
        <DataTable
          bulkActionButtons={false}
          rowClick={partner ? false : (_id, _resource, record) => personPage(record as Referral)}
        >
          <DataTable.Col source="voucherCode" sx={{ fontWeight: 700, whiteSpace: 'nowrap', fontFamily: 'monospace', fontSize: '1rem' }} />
          {partner ? <DataTable.Col source="firstName" disableSort /> : <DataTable.Col source="beneficiaryName" disableSort />}
          <DataTable.Col source="need" render={(referral: Referral) => translate(`resources.devices.types.${referral.need}`)} />
          <DataTable.Col source="trainingWanted" disableSort render={(referral: Referral) => yesNo(referral.trainingWanted, translate)} />
          <DataTable.Col source="status" render={(referral: Referral) => <ReferralStatusChip status={referral.status} />} />
          <DataTable.Col source="createdAt" render={(referral: Referral) => format.date(referral.createdAt)} sx={{ whiteSpace: 'nowrap' }} />
          <DataTable.Col label="" disableSort render={(referral: Referral) => <RowActions referral={referral} partner={partner} />} />
        </DataTable>
      )}
    </List>
  );
};
