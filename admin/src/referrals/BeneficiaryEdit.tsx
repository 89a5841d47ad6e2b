import { Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin';
import { BeneficiaryInputs } from './BeneficiaryInputs.js';

/** Right to rectification: the person's fields only; the server refuses a change made on an outdated page. */
export const BeneficiaryEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm toolbar={<Toolbar><SaveButton /></Toolbar>} sx={{ maxWidth: 720 }}>
      <BeneficiaryInputs />
    </SimpleForm>
  </Edit>
);
