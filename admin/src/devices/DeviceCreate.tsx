import { Create, SimpleForm } from 'react-admin';
import { DeviceInputs } from './DeviceInputs.js';

export const DeviceCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <DeviceInputs />
    </SimpleForm>
  </Create>
);
