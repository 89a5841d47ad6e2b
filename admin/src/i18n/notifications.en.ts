import type { notificationsResourcesFr, notificationsScreensFr } from './notifications.fr.js';

type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

export const notificationsResourcesEn: SameKeys<typeof notificationsResourcesFr> = {
  notifications: {
    name: 'Notification |||| Notifications',
    fields: {
      message: 'Notification',
      createdAt: 'Received',
      read: 'State',
    },
  },
};

export const notificationsScreensEn: SameKeys<typeof notificationsScreensFr> = {
  notifications: {
    bell_label: 'Notifications: %{smart_count} unread |||| Notifications: %{smart_count} unread',
    bell_label_none: 'Notifications: none unread',
    title: 'Notifications',
    mark_all_read: 'Mark all as read',
    mark_read: 'Mark as read',
    see_all: 'See all',
    empty: 'No notifications yet.',
    empty_unread: 'No unread notifications.',
    loading: 'Loading notifications…',
    load_error: 'The notifications cannot be loaded.',
    unread: 'Unread',
    read: 'Read',
    unread_prefix: 'Unread: ',
    all_read: 'All your notifications are marked as read.',
    filter_label: 'Show',
    filter: {
      all: 'All',
      unread: 'Unread',
      read: 'Read',
    },
    just_now: 'just now',
  },
  preferences: {
    menu: 'My preferences',
    title: 'My preferences',
    email_title: 'E-mail notifications',
    email_intro: 'Notifications always appear in the app, under the bell. Choose whether you also want them by e-mail.',
    email_legend: 'Receive notifications by e-mail',
    choices: {
      immediate: 'Immediately',
      daily: 'Daily digest',
      never: 'Never',
    },
    explanations: {
      immediate: 'One e-mail per notification, moments after it (for instance when a batch is ready for pickup).',
      daily: 'A single e-mail a day, listing the notifications still unread.',
      never: 'No e-mail: you read notifications in the app.',
    },
    unknown_current: 'This screen does not know your current choice yet: pick an option, then save.',
    save: 'Save',
    saved: 'Preference saved.',
    email_disabled: 'This server does not send e-mails (no mail server is configured): your choice is saved, but you will only see notifications in the app.',
  },
};
