import { visuallyHidden } from '../accessibility/visuallyHidden.js';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  AutocompleteInput,
  BooleanInput,
  Form,
  RadioButtonGroupInput,
  ReferenceInput,
  SaveButton,
  Title,
  required,
  useCreate,
  useNotify,
  useTranslate,
  type HttpError,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import AddIcon from '@mui/icons-material/PersonAdd';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { ApiErrorBody } from '../providers/http.js';
import { BeneficiaryInputs } from './BeneficiaryInputs.js';
import { ConsentInput } from './ConsentInput.js';
import { printVoucher } from './printVoucher.js';
import { NEEDS, PERSON_FIELDS, type Beneficiary, type Referral } from './types.js';

const NEED_CHOICES = NEEDS.map((id) => ({ id, name: `resources.devices.types.${id}` }));

const personLabel = (person: Beneficiary) => [person.firstName, person.lastName, person.birthYear ? `(${person.birthYear})` : ''].filter(Boolean).join(' ');

interface FormValues {
  mode: 'new' | 'known';
  beneficiaryId?: number;
  need?: string;
  trainingWanted: boolean;
  consent?: boolean;
  [field: string]: unknown;
}

function toPayload(values: FormValues) {
  const beneficiary =
    values.mode === 'known'
      ? values.beneficiaryId
      : {
          ...Object.fromEntries(PERSON_FIELDS.map((field) => [field, values[field] === '' ? null : values[field]])),
          consent: values.consent === true,
        };
  return { beneficiary, need: values.need, trainingWanted: !!values.trainingWanted };
}

/** The API's field errors (`beneficiary.firstName`) under the form's own fields. */
function fieldErrors(error: HttpError): Record<string, string> | undefined {
  const details = (error.body as ApiErrorBody | undefined)?.details;
  if (!Array.isArray(details)) return undefined;
  const errors: Record<string, string> = {};
  for (const issue of details as { path?: string; message?: string }[]) {
    if (!issue.path || !issue.message) continue;
    const parts = issue.path.split('.');
    const field = parts[0] === 'beneficiary' ? (parts[1] ?? 'beneficiaryId') : parts[0];
    errors[field] = issue.message;
  }
  return Object.keys(errors).length ? errors : undefined;
}

const PersonSection = () => {
  const translate = useTranslate();
  const mode = useWatch<FormValues>({ name: 'mode' });
  return (
    <Stack spacing={1}>
      <Typography variant="h6" component="h2">
        {translate('reemploi.referrals.form.who')}
      </Typography>
      <RadioButtonGroupInput
        source="mode"
        label={false}
        choices={[
          { id: 'new', name: 'reemploi.referrals.form.new_person' },
          { id: 'known', name: 'reemploi.referrals.form.known_person' },
        ]}
        helperText={false}
      />
      {mode === 'known' ? (
        <ReferenceInput source="beneficiaryId" reference="beneficiaries" sort={{ field: 'lastName', order: 'ASC' }}>
          <AutocompleteInput
            label="reemploi.referrals.form.pick_person"
            optionText={personLabel}
            filterToQuery={(q: string) => ({ q })}
            validate={required('reemploi.referrals.form.person_required')}
          />
        </ReferenceInput>
      ) : (
        <>
          <BeneficiaryInputs />
          <ConsentInput />
        </>
      )}
    </Stack>
  );
};

const focusOnMount = (element: HTMLElement | null) => element?.focus();

const ReferralDone = ({ referral, onAnother }: { referral: Referral; onAnother: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  const t = (key: string, options?: Record<string, unknown>) => translate(`reemploi.referrals.done.${key}`, options);
  const print = async () => {
    try {
      if (!(await printVoucher(dataProvider, referral))) notify(t('popup_blocked'), { type: 'info' });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Card sx={{ maxWidth: 720 }} data-testid="referral-done">
      <CardContent sx={{ p: { xs: 2, sm: 4 } }}>
        {/* RGAA 7.5: said (status) and focused, so the saving and the code are not silent */}
        <Box sx={visuallyHidden} role="status">
          {`${t('title')}. ${t('code_label')} ${referral.voucherCode}`}
        </Box>
        <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
          <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }} tabIndex={-1} ref={focusOnMount}>
            {t('title')}
          </Typography>
          <Typography>{t('text', { name: referral.firstName ?? '' })}</Typography>
          <Box>
            <Typography color="text.secondary">{t('code_label')}</Typography>
            <Typography
              data-testid="voucher-code"
              sx={{ fontSize: { xs: '2.5rem', sm: '3.5rem' }, fontWeight: 800, letterSpacing: '0.08em', fontFamily: 'monospace', lineHeight: 1.1, whiteSpace: 'nowrap' }}
            >
              {referral.voucherCode}
            </Typography>
          </Box>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} useFlexGap sx={{ flexWrap: 'wrap', width: { xs: '100%', sm: 'auto' } }}>
            <Button variant="contained" size="large" startIcon={<PrintIcon />} onClick={print} sx={{ minHeight: 52 }}>
              {t('print')}
            </Button>
            <Button variant="outlined" size="large" component={Link} to={`/beneficiaries/${referral.beneficiary}/show`} sx={{ minHeight: 52 }}>
              {t('see_person')}
            </Button>
            <Button variant="text" size="large" startIcon={<AddIcon />} onClick={onAnother} sx={{ minHeight: 52 }}>
              {t('another')}
            </Button>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
};

/** One form for the whole referral: the person (new or already known), the need, the training wish, the consent. */
export const ReferralCreate = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [create] = useCreate();
  const [searchParams] = useSearchParams();
  const [done, setDone] = useState<Referral | null>(null);
  const [formKey, setFormKey] = useState(0);
  const known = Number(searchParams.get('beneficiary')) || undefined;
  const t = (key: string) => translate(`reemploi.referrals.form.${key}`);

  const onSubmit = async (values: Record<string, unknown>) => {
    try {
      const referral = await create('referrals', { data: toPayload(values as FormValues) }, { returnPromise: true });
      setDone(referral as Referral);
      window.scrollTo(0, 0);
      return undefined;
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
      return fieldErrors(error as HttpError);
    }
  };

  return (
    <Box sx={{ py: 2, maxWidth: 860 }}>
      <Title title={t('title')} />
      {done ? (
        <ReferralDone
          referral={done}
          onAnother={() => {
            setDone(null);
            setFormKey((key) => key + 1);
          }}
        />
      ) : (
        <Card>
          <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
            <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
              {t('title')}
            </Typography>
            <Typography color="text.secondary" sx={{ mb: 2 }}>
              {t('intro')}
            </Typography>
            <Form
              key={formKey}
              onSubmit={onSubmit}
              defaultValues={{ mode: known ? 'known' : 'new', beneficiaryId: known, trainingWanted: false, consent: false }}
              noValidate
            >
              <Stack spacing={3}>
                <PersonSection />
                <Stack spacing={1}>
                  <Typography variant="h6" component="h2">
                    {t('need_section')}
                  </Typography>
                  <RadioButtonGroupInput source="need" resource="referrals" choices={NEED_CHOICES} validate={required()} />
                  <BooleanInput source="trainingWanted" resource="referrals" helperText={t('training_helper')} />
                </Stack>
                <Box>
                  <SaveButton label={t('submit')} alwaysEnable size="large" sx={{ minHeight: 52 }} />
                </Box>
              </Stack>
            </Form>
          </CardContent>
        </Card>
      )}
    </Box>
  );
};
