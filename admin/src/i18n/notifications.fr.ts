/** Messages of the notification bell, the notifications page and "Mes préférences" (spread into fr.ts). */
export const notificationsResourcesFr = {
  notifications: {
    name: 'Notification |||| Notifications',
    fields: {
      message: 'Notification',
      createdAt: 'Reçue',
      read: 'État',
    },
  },
};

export const notificationsScreensFr = {
  notifications: {
    bell_label: 'Notifications : %{smart_count} non lue |||| Notifications : %{smart_count} non lues',
    bell_label_none: 'Notifications : aucune non lue',
    title: 'Notifications',
    mark_all_read: 'Tout marquer comme lu',
    mark_read: 'Marquer comme lue',
    see_all: 'Voir tout',
    empty: 'Aucune notification pour le moment.',
    empty_unread: 'Aucune notification non lue.',
    loading: 'Chargement des notifications…',
    load_error: 'Les notifications ne peuvent pas être chargées.',
    unread: 'Non lue',
    read: 'Lue',
    unread_prefix: 'Non lue : ',
    all_read: 'Toutes vos notifications sont marquées comme lues.',
    filter_label: 'Afficher',
    filter: {
      all: 'Toutes',
      unread: 'Non lues',
      read: 'Lues',
    },
    just_now: "à l'instant",
  },
  preferences: {
    menu: 'Mes préférences',
    title: 'Mes préférences',
    email_title: 'Notifications par e-mail',
    email_intro:
      "Les notifications s'affichent toujours dans l'application, sous la cloche. Choisissez si vous voulez aussi les recevoir par e-mail.",
    email_legend: 'Recevoir les notifications par e-mail',
    choices: {
      immediate: 'Immédiatement',
      daily: 'Résumé quotidien',
      never: 'Jamais',
    },
    explanations: {
      immediate: 'Un e-mail à chaque notification, quelques instants après (par exemple quand un lot est prêt pour l’enlèvement).',
      daily: 'Un seul e-mail par jour, qui reprend les notifications restées non lues.',
      never: 'Aucun e-mail : vous consultez les notifications dans l’application.',
    },
    unknown_current: 'Votre choix actuel n’est pas encore connu de cet écran : choisissez une option puis enregistrez.',
    save: 'Enregistrer',
    saved: 'Préférence enregistrée.',
    email_disabled:
      "Ce serveur n'envoie pas d'e-mails (aucun serveur d'envoi n'est configuré) : votre choix est enregistré, mais vous ne verrez les notifications que dans l'application.",
  },
};
