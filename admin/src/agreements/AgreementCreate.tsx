import { Create } from 'react-admin';
import { AgreementForm } from './AgreementForm.js';

/** A new agreement (a new partner, or the next period: the previous agreements stay as they were). */
export const AgreementCreate = () => (
  <Create title="resources.agreements.new">
    <AgreementForm />
  </Create>
);
