import { Link as RouterLink } from 'react-router-dom';
import { useGetList, useTranslate } from 'react-admin';
import { Alert, Box, Button, CircularProgress, Divider, List, ListItem, ListItemButton, ListItemText, Typography } from '@mui/material';
import { RelativeTime } from './RelativeTime.js';
import { useMarkAllNotificationsRead, useMarkNotificationRead } from './useNotifications.js';
import type { AppNotification } from './types.js';
import { visuallyHidden } from '../accessibility/visuallyHidden.js';

const LATEST = 10;

/** What the bell opens: the latest 10, unread first in weight (not in order: newest stays on top). */
export const NotificationPopoverContent = ({ titleId, unreadCount, onClose }: { titleId: string; unreadCount: number; onClose: () => void }) => {
  const translate = useTranslate();
  const markRead = useMarkNotificationRead();
  const markAllRead = useMarkAllNotificationsRead();
  const { data, isPending, error } = useGetList<AppNotification>('notifications', {
    pagination: { page: 1, perPage: LATEST },
    sort: { field: 'createdAt', order: 'DESC' },
  });

  const open = (notification: AppNotification) => {
    markRead(notification);
    onClose();
  };

  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, py: 1.5 }}>
        <Typography id={titleId} variant="subtitle1" component="h2" sx={{ fontWeight: 700, flex: 1 }}>
          {translate('reemploi.notifications.title')}
        </Typography>
        <Button size="small" onClick={() => void markAllRead()} disabled={unreadCount === 0}>
          {translate('reemploi.notifications.mark_all_read')}
        </Button>
      </Box>
      <Divider />
      {isPending ? (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, p: 2 }} role="status">
          <CircularProgress size={20} aria-hidden />
          <Typography variant="body2">{translate('reemploi.notifications.loading')}</Typography>
        </Box>
      ) : error ? (
        <Alert severity="error" sx={{ m: 2 }}>
          {translate('reemploi.notifications.load_error')}
        </Alert>
      ) : !data?.length ? (
        <Typography variant="body2" sx={{ p: 2, color: 'text.secondary' }}>
          {translate('reemploi.notifications.empty')}
        </Typography>
      ) : (
        <List dense disablePadding sx={{ maxHeight: { xs: '60vh', sm: 440 }, overflowY: 'auto' }} aria-labelledby={titleId}>
          {data.map((notification) => (
            <ListItem key={notification.id} disablePadding divider>
              <ListItemButton
                {...(notification.link ? { component: RouterLink, to: notification.link } : {})}
                onClick={() => open(notification)}
                sx={{ alignItems: 'flex-start', gap: 1, bgcolor: notification.read ? undefined : 'action.hover' }}
              >
                <Box
                  aria-hidden
                  sx={{ mt: 0.9, width: 8, height: 8, borderRadius: '50%', flexShrink: 0, bgcolor: notification.read ? 'transparent' : 'primary.main' }}
                />
                <ListItemText
                  primary={
                    <>
                      {!notification.read && <Box component="span" sx={visuallyHidden}>{translate('reemploi.notifications.unread_prefix')}</Box>}
                      {notification.message}
                    </>
                  }
                  secondary={<RelativeTime value={notification.createdAt} />}
                  slotProps={{
                    primary: { sx: { fontWeight: notification.read ? 400 : 700, whiteSpace: 'normal' } },
                    secondary: { sx: { color: 'text.secondary' } },
                  }}
                />
              </ListItemButton>
            </ListItem>
          ))}
        </List>
      )}
      <Divider />
      <Box sx={{ display: 'flex', justifyContent: 'center', p: 1 }}>
        <Button component={RouterLink} to="/notifications" onClick={onClose} size="small">
          {translate('reemploi.notifications.see_all')}
        </Button>
      </Box>
    </Box>
  );
};

