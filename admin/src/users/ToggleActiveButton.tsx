import type { MouseEvent } from 'react';
import { Button, useNotify, useRecordContext, useUpdate } from 'react-admin';
import BlockIcon from '@mui/icons-material/Block';
import CheckIcon from '@mui/icons-material/CheckCircleOutlined';
import type { User } from '../types.js';

/** Accounts are never deleted (they sign the devices' history): they are deactivated. */
export const ToggleActiveButton = () => {
  const user = useRecordContext<User>();
  const notify = useNotify();
  const [update, { isPending }] = useUpdate<User>();
  if (!user) return null;

  const toggle = (event: MouseEvent) => {
    event.stopPropagation(); // inside a clickable row
    update(
      'users',
      { id: user.id, data: { active: !user.active }, previousData: user },
      {
        mutationMode: 'pessimistic',
        onSuccess: () =>
          notify(user.active ? 'resources.users.notifications.deactivated' : 'resources.users.notifications.reactivated', { type: 'success' }),
        onError: (error) => notify((error as Error).message, { type: 'error' }),
      },
    );
  };

  return (
    <Button
      label={user.active ? 'resources.users.actions.deactivate' : 'resources.users.actions.reactivate'}
      onClick={toggle}
      disabled={isPending}
      color={user.active ? 'error' : 'primary'}
      variant="outlined"
    >
      {user.active ? <BlockIcon /> : <CheckIcon />}
    </Button>
  );
};
