import { Edit, useRecordContext, useTranslate } from 'react-admin';
import { Alert } from '@mui/material';
import { AgreementForm } from './AgreementForm.js';
import type { Agreement } from './types.js';

const AgreementTitle = () => {
  const translate = useTranslate();
  const agreement = useRecordContext<Agreement>();
  return <span>{agreement ? translate('resources.agreements.edit_title', { partner: agreement.partner }) : ''}</span>;
};

/** A correction of this agreement in place; the administration log keeps what was there before. */
export const AgreementEdit = () => {
  const translate = useTranslate();
  return (
    <Edit title={<AgreementTitle />} mutationMode="pessimistic">
      <Alert severity="info" sx={{ m: 2, mb: 0 }}>
        {translate('resources.agreements.edit_intro')}
      </Alert>
      <AgreementForm />
    </Edit>
  );
};
