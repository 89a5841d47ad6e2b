import { Link as RouterLink } from 'react-router-dom';
import { DataTable, List, TopToolbar, useListContext, useTranslate } from 'react-admin';
import { Box, Button, Card, CardContent, Chip, Link, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import { RelativeTime } from './RelativeTime.js';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useUnreadCount } from './useNotifications.js';
import type { AppNotification } from './types.js';

type ReadFilter = 'all' | 'unread' | 'read';

/** Toutes / Non lues / Lues: three buttons rather than a select, the choice is visible at a glance. */
const ReadFilterButtons = () => {
  const translate = useTranslate();
  const { filterValues, setFilters } = useListContext();
  const value: ReadFilter = filterValues.read === false ? 'unread' : filterValues.read === true ? 'read' : 'all';
  const choose = (next: ReadFilter | null) => {
    if (!next) return;
    const { read: _read, ...others } = filterValues;
    setFilters(next === 'all' ? others : { ...others, read: next === 'read' });
  };
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      onChange={(_event, next: ReadFilter | null) => choose(next)}
      aria-label={translate('reemploi.notifications.filter_label')}
    >
      {(['all', 'unread', 'read'] as const).map((choice) => (
        <ToggleButton key={choice} value={choice} sx={{ px: 2 }}>
          {translate(`reemploi.notifications.filter.${choice}`)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
};

const NotificationListActions = () => {
  const translate = useTranslate();
  const unreadCount = useUnreadCount();
  const markAllRead = useMarkAllNotificationsRead();
  return (
    <TopToolbar sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
      <ReadFilterButtons />
      <Button startIcon={<DoneAllIcon />} onClick={() => void markAllRead()} disabled={unreadCount === 0}>
        {translate('reemploi.notifications.mark_all_read')}
      </Button>
    </TopToolbar>
  );
};

const NotificationMessage = ({ notification }: { notification: AppNotification }) => {
  const markRead = useMarkNotificationRead();
  const style = { fontWeight: notification.read ? 400 : 700 };
  if (!notification.link) {
    return <Typography variant="body2" sx={style}>{notification.message}</Typography>;
  }
  return (
    <Link component={RouterLink} to={notification.link} onClick={() => markRead(notification)} variant="body2" sx={style}>
      {notification.message}
    </Link>
  );
};

const NotificationEmpty = () => {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2, maxWidth: 720 }}>
      <CardContent>
        <Typography variant="h6" component="h1" gutterBottom>
          {translate('reemploi.notifications.title')}
        </Typography>
        <Typography>{translate('reemploi.notifications.empty')}</Typography>
      </CardContent>
    </Card>
  );
};

/**
 * The full list (/notifications). Not a <Resource>: each user reads their own notifications, so no
 * role rule applies and the permissions table has no row for them — hence disableAuthentication,
 * the page being behind <Admin requireAuth> anyway.
 */
export const NotificationList = () => {
  const translate = useTranslate();
  return (
    <List
      resource="notifications"
      disableAuthentication
      title={translate('reemploi.notifications.title')}
      actions={<NotificationListActions />}
      empty={<NotificationEmpty />}
      exporter={false}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      storeKey="notifications.list"
    >
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col
          source="read"
          disableSort
          render={(notification: AppNotification) => (
            <Chip
              size="small"
              label={translate(notification.read ? 'reemploi.notifications.read' : 'reemploi.notifications.unread')}
              color={notification.read ? 'default' : 'primary'}
              variant={notification.read ? 'outlined' : 'filled'}
            />
          )}
        />
        <DataTable.Col source="message" disableSort render={(notification: AppNotification) => <NotificationMessage notification={notification} />} />
        <DataTable.Col
          source="createdAt"
          sx={{ whiteSpace: 'nowrap' }}
          render={(notification: AppNotification) => (
            <Box component="span" sx={{ color: 'text.secondary' }}>
              <RelativeTime value={notification.createdAt} />
            </Box>
          )}
        />
      </DataTable>
    </List>
  );
};
