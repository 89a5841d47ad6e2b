import { Create, SimpleForm } from 'react-admin';
import { UserInputs } from './UserInputs.js';

export const UserCreate = () => (
  <Create redirect="list" title="resources.users.new">
    <SimpleForm defaultValues={{ role: 'it_staff' }}>
      <UserInputs mode="create" />
    </SimpleForm>
  </Create>
);
