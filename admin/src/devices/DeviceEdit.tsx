import { Edit, SaveButton, SimpleForm, Toolbar, useRecordContext } from 'react-admin';
import type { Device } from '../types.js';
import { DeviceInputs } from './DeviceInputs.js';

const DeviceTitle = () => <span>{useRecordContext<Device>()?.assetTag ?? ''}</span>;

/** No delete button: a device is withdrawn (with a reason), never deleted. */
const DeviceEditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

// pessimistic: the server may refuse (409 if someone saved in between, field errors) and the form must show it
export const DeviceEdit = () => (
  <Edit title={<DeviceTitle />} mutationMode="pessimistic" redirect="show">
    <SimpleForm toolbar={<DeviceEditToolbar />}>
      <DeviceInputs />
    </SimpleForm>
  </Edit>
);
