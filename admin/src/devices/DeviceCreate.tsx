import { Create, SimpleForm } from 'react-admin';
import { DeviceInputs } from './DeviceInputs.js';

export const DeviceCreate = () => (
  <Create redirect="show" title="resources.devices.new">
    <SimpleForm>
      <DeviceInputs />
    </SimpleForm>
  </Create>
);
