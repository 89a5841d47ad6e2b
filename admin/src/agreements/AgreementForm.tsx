import { useMemo, type ReactNode } from 'react';
import {
  ArrayInput,
  DateInput,
  type HttpError,
  NumberInput,
  RadioButtonGroupInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  maxLength,
  minLength,
  required,
  useCreate,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
  useUpdate,
} from 'react-admin';
import { Box, InputAdornment, Typography } from '@mui/material';
import { intlLocale } from '../i18n/i18nProvider.js';
import { parseEuros } from '../referrals/money.js';
import { CALENDAR_DAYS, frenchDay } from '../../../api/core/bounds.js';
import { toFormErrors, toFormValues, toPayload, UnreadableCap, type AgreementFormValues } from './formValues.js';
import { COMMITMENT_FIELDS, DEVICE_TYPES, IDENTITY_CHECKS, type Agreement, type CommitmentField } from './types.js';
import { SHOP_TEXT_MAX } from '../../../api/agreements/agreement-desk.js';

const PARTNER_COMMITMENTS: CommitmentField[] = COMMITMENT_FIELDS.filter((field) => field !== 'devicesCommitted');

/** A whole number of devices or residents, 0 or more. */
const wholeCount = (value: unknown) =>
  value === null || value === undefined || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 1_000_000)
    ? undefined
    : 'resources.agreements.validation.count';
const validateCount = [required('resources.agreements.validation.count'), wholeCount];
const validateYears = (value: unknown) =>
  value === null || value === undefined || (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 30) ? undefined : 'resources.agreements.validation.years';
/** « 89,90 », « 89.90 », « 90 € » are read; anything else is refused here, before the server. */
const validateEuros = (value: unknown) => (typeof value === 'string' && value.trim() && parseEuros(value) === null ? 'resources.agreements.validation.euros' : undefined);
/** The API's span (api/core/bounds.ts): an agreement of the year 9999 is a typo. */
const withinCalendar = (value: unknown) =>
  typeof value === 'string' && value && (value < CALENDAR_DAYS.earliest || value > CALENDAR_DAYS.latest)
    ? { message: 'resources.agreements.validation.date_range', args: { earliest: frenchDay(CALENDAR_DAYS.earliest), latest: frenchDay(CALENDAR_DAYS.latest) } }
    : undefined;
const afterStart = (value: unknown, values: AgreementFormValues) =>
  typeof value === 'string' && values.startsOn && value < values.startsOn ? 'resources.agreements.validation.ends_before_start' : undefined;

const Section = ({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box component="section" sx={{ width: '100%', mb: 2 }}>
      <Typography variant="h6" component="h2" sx={{ mt: 1 }}>
        {translate(title)}
      </Typography>
      {intro && (
        <Typography color="text.secondary" variant="body2" sx={{ mb: 1, maxWidth: 760 }}>
          {translate(intro)}
        </Typography>
      )}
      {children}
    </Box>
  );
};

const helper = (field: string) => `resources.agreements.helpers.${field}`;

/** Saves through the API and puts its refusals under the fields they are about. */
function useAgreementSave(record: Agreement | undefined) {
  const [create] = useCreate<Agreement>();
  const [update] = useUpdate<Agreement>();
  const notify = useNotify();
  const redirect = useRedirect();
  const translate = useTranslate();
  return async (values: AgreementFormValues) => {
    let payload;
    try {
      payload = toPayload(values);
    } catch (error) {
      if (error instanceof UnreadableCap) return { caps: { [error.type]: translate('resources.agreements.validation.euros') } };
      throw error;
    }
    try {
      const saved = record?.id
        ? await update('agreements', { id: record.id, data: payload, previousData: record }, { mutationMode: 'pessimistic', returnPromise: true })
        : await create('agreements', { data: payload }, { returnPromise: true });
      notify(record?.id ? 'resources.agreements.notifications.updated' : 'resources.agreements.notifications.created', { type: 'success' });
      redirect('show', 'agreements', (saved as Agreement).id);
      return undefined;
    } catch (error) {
      const errors = toFormErrors(error);
      const onFields = (error as HttpError | undefined)?.status === 400 && Object.keys(errors).some((field) => field !== 'root');
      // the fields say what is wrong in words; the API's summary names them as the code does
      notify(onFields ? 'resources.agreements.notifications.refused_fields' : String((errors.root as { serverError: string }).serverError || translate('ra.notification.http_error')), { type: 'error' });
      return errors;
    }
  };
}

/** The same form creates and corrects an agreement; price caps are typed as text (« 89,90 »). */
export const AgreementForm = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const record = useRecordContext<Agreement>();
  const save = useAgreementSave(record?.id ? record : undefined);
  // a new object at each render would reset what is being typed
  const values = useMemo(() => toFormValues(record, intlLocale(locale)), [record, locale]);
  return (
    <SimpleForm record={values} onSubmit={save as (values: Record<string, unknown>) => Promise<unknown>} sx={{ maxWidth: 1000 }}>
      <Section title="resources.agreements.sections.partner">
        <TextInput source="partner" validate={[required(), minLength(2), maxLength(120)]} helperText={helper('partner')} sx={{ maxWidth: 520 }} />
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2, maxWidth: 520 }}>
          <DateInput source="startsOn" validate={[required(), withinCalendar]} helperText={helper('startsOn')} />
          <DateInput source="endsOn" validate={[required(), withinCalendar, afterStart]} helperText={helper('endsOn')} />
        </Box>
      </Section>
      <Section title="resources.agreements.sections.department">
        <NumberInput source="devicesCommitted" validate={validateCount} min={0} step={1} helperText={helper('devicesCommitted')} sx={{ maxWidth: 520 }} />
      </Section>
      <Section title="resources.agreements.sections.partner_commitments">
        {PARTNER_COMMITMENTS.map((field) => (
          <NumberInput key={field} source={field} validate={validateCount} min={0} step={1} helperText={helper(field)} sx={{ maxWidth: 520 }} />
        ))}
      </Section>
      <Section title="resources.agreements.sections.caps" intro="resources.agreements.helpers.caps">
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', md: '1fr 1fr 1fr' }, columnGap: 2 }}>
          {DEVICE_TYPES.map((type) => (
            <TextInput
              key={type}
              source={`caps.${type}`}
              label={translate(`resources.devices.types.${type}`)}
              validate={validateEuros}
              helperText={false}
              slotProps={{ input: { endAdornment: <InputAdornment position="end">€</InputAdornment> }, htmlInput: { inputMode: 'decimal' } }}
            />
          ))}
        </Box>
      </Section>
      <Section title="resources.agreements.sections.desk" intro="resources.agreements.helpers.desk">
        <RadioButtonGroupInput
          source="identityCheck"
          choices={IDENTITY_CHECKS.map((id) => ({ id, name: `resources.agreements.identity_checks.${id}` }))}
          row={false}
          helperText={false}
        />
        <ArrayInput source="shops" helperText={helper('shops')}>
          <SimpleFormIterator inline={false} disableReordering getItemLabel={(index) => translate('resources.agreements.shop_number', { number: index + 1 })}>
            <TextInput source="name" label="resources.agreements.shop_fields.name" validate={[required(), maxLength(SHOP_TEXT_MAX.name)]} helperText={helper('shop_name')} sx={{ maxWidth: 520 }} />
            <TextInput source="address" label="resources.agreements.shop_fields.address" validate={[required(), minLength(5), maxLength(SHOP_TEXT_MAX.address)]} helperText={helper('shop_address')} sx={{ maxWidth: 520 }} />
            <TextInput source="openingHours" label="resources.agreements.shop_fields.openingHours" validate={[required(), maxLength(SHOP_TEXT_MAX.openingHours)]} multiline helperText={helper('shop_hours')} sx={{ maxWidth: 520 }} />
            <TextInput source="directions" label="resources.agreements.shop_fields.directions" validate={maxLength(SHOP_TEXT_MAX.directions)} multiline helperText={helper('shop_directions')} sx={{ maxWidth: 520 }} />
          </SimpleFormIterator>
        </ArrayInput>
      </Section>
      <Section title="resources.agreements.sections.reuse">
        <TextInput source="reuseCommitmentRef" validate={maxLength(200)} helperText={helper('reuseCommitmentRef')} sx={{ maxWidth: 520 }} />
        <NumberInput source="maxDeviceAgeYears" validate={validateYears} min={1} max={30} step={1} helperText={helper('maxDeviceAgeYears')} sx={{ maxWidth: 520 }} />
      </Section>
    </SimpleForm>
  );
};
