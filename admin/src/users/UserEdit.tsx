import { Edit, SaveButton, SimpleForm, Toolbar, useRecordContext } from 'react-admin';
import type { User } from '../types.js';
import { ToggleActiveButton } from './ToggleActiveButton.js';
import { UserInputs } from './UserInputs.js';

const UserTitle = () => <span>{useRecordContext<User>()?.name ?? ''}</span>;

/** "Désactiver" instead of delete: accounts sign the devices' history. */
const UserEditToolbar = () => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    <ToggleActiveButton />
  </Toolbar>
);

export const UserEdit = () => (
  <Edit title={<UserTitle />} mutationMode="pessimistic" redirect="list">
    <SimpleForm toolbar={<UserEditToolbar />}>
      <UserInputs mode="edit" />
    </SimpleForm>
  </Edit>
);
