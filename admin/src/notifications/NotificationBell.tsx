import { lazy, Suspense, useId, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Badge, Box, CircularProgress, IconButton, Popover, Tooltip } from '@mui/material';
import NotificationsIcon from '@mui/icons-material/Notifications';
import { useUnreadCount } from './useNotifications.js';

// the list is fetched and drawn only when someone opens the bell: it stays out of the initial bundle
const NotificationPopoverContent = lazy(() =>
  import('./NotificationPopoverContent.js').then((module) => ({ default: module.NotificationPopoverContent })),
);

/** In the app bar for every role: the unread count, and the latest notifications one click away. */
export const NotificationBell = () => {
  const translate = useTranslate();
  const unreadCount = useUnreadCount();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const popoverId = useId();
  const titleId = useId();
  const label =
    unreadCount > 0
      ? translate('reemploi.notifications.bell_label', { smart_count: unreadCount })
      : translate('reemploi.notifications.bell_label_none');
  const close = () => setAnchor(null);

  return (
    <>
      <Tooltip title={label}>
        <IconButton
          color="inherit"
          aria-label={label}
          aria-haspopup="dialog"
          aria-expanded={anchor ? 'true' : 'false'}
          aria-controls={anchor ? popoverId : undefined}
          onClick={(event) => setAnchor(event.currentTarget)}
        >
          <Badge badgeContent={unreadCount} max={99} color="error" overlap="circular" data-testid="notification-badge">
            <NotificationsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover
        id={popoverId}
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={close}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        // a fixed width: the position is computed once, when the (lazy) list is not drawn yet
        slotProps={{ paper: { role: 'dialog', 'aria-labelledby': titleId, sx: { mt: 1, width: { xs: 'calc(100vw - 32px)', sm: 400 } } } }}
      >
        <Suspense
          fallback={
            <Box sx={{ p: 3, display: 'flex', justifyContent: 'center' }}>
              <CircularProgress size={24} aria-label={translate('reemploi.notifications.loading')} />
            </Box>
          }
        >
          <NotificationPopoverContent titleId={titleId} unreadCount={unreadCount} onClose={close} />
        </Suspense>
      </Popover>
    </>
  );
};
