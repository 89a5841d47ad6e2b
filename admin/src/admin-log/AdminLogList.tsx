import {
  AutocompleteInput,
  DataTable,
  DateInput,
  FilterButton,
  List,
  ReferenceInput,
  SelectInput,
  TextInput,
  TopToolbar,
  useListContext,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import { Box, Chip, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { ADMIN_LOG_ACTIONS, ADMIN_LOG_OUTCOMES, type AdminLogOutcome } from '../../../api/admin-log/actions.js';
import { intlLocale } from '../i18n/i18nProvider.js';
import { describeDetails, describeTarget } from './describe.js';
import type { AdminLogEntry } from './types.js';

const OUTCOME_COLOURS: Record<AdminLogOutcome, { bgcolor: string; color: string }> = {
  success: { bgcolor: '#d3eedb', color: '#114d1f' },
  refused: { bgcolor: '#fde7c8', color: '#6b3a00' },
  failed: { bgcolor: '#f8d6d4', color: '#8b1610' },
};

const PERIODS = ['all', 'today', 'week', 'month'] as const;
type Period = (typeof PERIODS)[number];
const PERIOD_DAYS: Record<Exclude<Period, 'all'>, number> = { today: 0, week: 6, month: 29 };

/** A day in Paris, `days` before today, as the API's `from` filter reads it. */
const parisDay = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() - days * 86_400_000));

/** Tout / Aujourd'hui / 7 jours / 30 jours: most look-ups are about the last days; exact dates are in the filters. */
const PeriodButtons = () => {
  const translate = useTranslate();
  const { filterValues, setFilters } = useListContext();
  const value = (PERIODS.slice(1) as Period[]).find((period) => !filterValues.to && filterValues.from === parisDay(PERIOD_DAYS[period as Exclude<Period, 'all'>])) ?? (filterValues.from || filterValues.to ? null : 'all');
  const choose = (next: Period | null) => {
    if (!next) return;
    const { from: _from, to: _to, ...others } = filterValues;
    setFilters(next === 'all' ? others : { ...others, from: parisDay(PERIOD_DAYS[next]) });
  };
  return (
    <ToggleButtonGroup size="small" exclusive value={value} onChange={(_event, next: Period | null) => choose(next)} aria-label={translate('reemploi.adminLog.period')}>
      {PERIODS.map((period) => (
        <ToggleButton key={period} value={period} sx={{ px: 2 }}>
          {translate(`reemploi.adminLog.periods.${period}`)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
};

const AdminLogActions = () => (
  <TopToolbar sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
    <PeriodButtons />
    <FilterButton />
  </TopToolbar>
);

const useFilters = () => {
  const translate = useTranslate();
  const actionChoices = ADMIN_LOG_ACTIONS.map((action) => ({ id: action, name: translate(`reemploi.adminLog.actions.${action}`) }));
  const outcomeChoices = ADMIN_LOG_OUTCOMES.map((outcome) => ({ id: outcome, name: translate(`reemploi.adminLog.outcomes.${outcome}`) }));
  return [
    <SelectInput key="action" source="action" choices={actionChoices} alwaysOn sx={{ minWidth: 260 }} />,
    <ReferenceInput key="actorId" source="actorId" reference="users" alwaysOn>
      <AutocompleteInput optionText="name" label="resources.admin-log.fields.actorId" filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 220 }} />
    </ReferenceInput>,
    <SelectInput key="outcome" source="outcome" choices={outcomeChoices} alwaysOn />,
    <DateInput key="from" source="from" />,
    <DateInput key="to" source="to" />,
    <TextInput key="actorEmail" source="actorEmail" />,
  ];
};

/** Who: the account's name and role, or the address typed in a refused sign-in. */
const Actor = ({ entry }: { entry: AdminLogEntry }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ minWidth: 120, maxWidth: 180 }} title={entry.actorEmail ?? undefined}>
      <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
        {entry.actorName ?? entry.actorEmail ?? translate('reemploi.adminLog.unknown_actor')}
      </Typography>
      {entry.actorName && entry.actorRole && (
        <Typography variant="caption" color="text.secondary" component="p">
          {translate(`resources.users.roles.${entry.actorRole}`)}
        </Typography>
      )}
      {!entry.actorName && entry.actorEmail && (
        <Typography variant="caption" color="text.secondary" component="p">
          {translate('reemploi.adminLog.typed_address')}
        </Typography>
      )}
    </Box>
  );
};

/** The action in words, and under it whether it was done, refused or failed. */
const ActionCell = ({ entry }: { entry: AdminLogEntry }) => {
  const translate = useTranslate();
  const request = entry.action === 'admin_request';
  return (
    <Box sx={{ minWidth: 150, maxWidth: 210 }}>
      <Typography variant="body2" sx={{ fontWeight: request ? 400 : 600 }} color={request ? 'text.secondary' : undefined}>
        {translate(`reemploi.adminLog.actions.${entry.action}`)}
      </Typography>
      <Chip size="small" label={translate(`reemploi.adminLog.outcomes.${entry.outcome}`)} sx={{ ...OUTCOME_COLOURS[entry.outcome], mt: 0.5, height: 20 }} />
    </Box>
  );
};

export const AdminLogList = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const tag = intlLocale(locale);
  const day = (value: string) => new Date(value).toLocaleDateString(tag, { timeZone: 'Europe/Paris' });
  // seconds matter in a log: two attempts a few seconds apart are two lines
  const time = (value: string) => new Date(value).toLocaleTimeString(tag, { timeZone: 'Europe/Paris' });
  return (
    <List
      resource="admin-log"
      title={translate('reemploi.adminLog.title')}
      filters={useFilters()}
      actions={<AdminLogActions />}
      exporter={false}
      sort={{ field: 'at', order: 'DESC' }}
      perPage={50}
      empty={false}
    >
      <Typography color="text.secondary" sx={{ px: 2, pt: 2, maxWidth: 960 }}>
        {translate('reemploi.adminLog.intro')}
      </Typography>
      <DataTable bulkActionButtons={false} rowClick={false} empty={<Typography sx={{ p: 2 }}>{translate('reemploi.adminLog.empty')}</Typography>}>
        <DataTable.Col
          source="at"
          render={(entry: AdminLogEntry) => (
            <Box sx={{ whiteSpace: 'nowrap' }}>
              <time dateTime={entry.at}>
                {day(entry.at)}
                <br />
                {time(entry.at)}
              </time>
            </Box>
          )}
        />
        <DataTable.Col source="action" render={(entry: AdminLogEntry) => <ActionCell entry={entry} />} />
        <DataTable.Col source="actorId" disableSort render={(entry: AdminLogEntry) => <Actor entry={entry} />} />
        <DataTable.Col
          source="target"
          disableSort
          render={(entry: AdminLogEntry) => <Box sx={{ minWidth: 110, maxWidth: 170 }}>{describeTarget(entry, translate)}</Box>}
        />
        <DataTable.Col
          source="details"
          disableSort
          render={(entry: AdminLogEntry) => (
            <Typography variant="body2" sx={{ minWidth: 220, maxWidth: 400, overflowWrap: 'anywhere' }}>
              {describeDetails(entry, translate, tag)}
            </Typography>
          )}
        />
        <DataTable.Col source="ip" disableSort render={(entry: AdminLogEntry) => <Box component="span" sx={{ fontFamily: 'monospace', fontSize: '0.85rem' }}>{entry.ip ?? ''}</Box>} />
      </DataTable>
    </List>
  );
};
