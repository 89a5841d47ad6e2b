/** Messages of the sign-in through the Département's identity provider and its admin screens (spread into fr.ts). */
export const oidcResourcesFr = {
  'oidc-mappings': {
    name: 'Règle de connexion |||| Règles de connexion',
    fields: {
      provider: 'Service d’identité',
      claim: 'Information transmise (revendication)',
      value: 'Valeur',
      role: 'Donne le rôle',
      territory: 'Donne le territoire',
      priority: 'Priorité',
    },
    helpers: {
      provider: 'Vide : tous les services configurés',
      claim: 'Par exemple groups (groupes de l’annuaire), department (service), realm_access.roles (Keycloak)',
      value: 'Par exemple GG-REEMPLOI-TECH ou UTPAS Roubaix (majuscules et minuscules confondues)',
      priority: 'Quand deux règles donnent un rôle, la plus petite priorité l’emporte',
    },
    new: 'Nouvelle règle',
  },
  'access-requests': {
    name: 'Demande d’accès |||| Demandes d’accès',
    fields: {
      name: 'Agent',
      email: 'Adresse e-mail',
      provider: 'Service d’identité',
      claims: 'Informations transmises',
      status: 'État',
      requestedAt: 'Demandé le',
      role: 'Rôle',
      territory: 'Territoire',
    },
  },
};

export const oidcScreensFr = {
  oidc: {
    sign_in_with: 'Se connecter avec %{name}',
    or_password: 'ou avec un mot de passe Réemploi',
    starting: 'Redirection vers %{name}…',
    checking: 'Vérification de votre connexion…',
    back_to_login: 'Retour à la page de connexion',
    pending_title: 'Votre accès doit être validé',
    pending_text:
      'Bonjour %{name}, votre identité a bien été reconnue par %{provider}, mais aucun rôle ne vous est encore attribué dans Réemploi. Un administrateur doit approuver votre accès : il vient d’être prévenu. Reconnectez-vous une fois votre accès accordé.',
    signed_out: 'Vous êtes déconnecté de Réemploi.',
    end_provider_session: 'Se déconnecter aussi de %{name}',
    menu_mappings: 'Règles de connexion',
    menu_requests: 'Demandes d’accès',
    mappings_intro:
      'Ce que le service d’identité du Département transmet (groupes de l’annuaire, service) donne un rôle et un territoire dans Réemploi, à chaque connexion. Un agent qu’aucune règle ne couvre attend qu’un administrateur lui donne un rôle.',
    any_provider: 'Tous',
    statuses: { pending: 'En attente', approved: 'Accordée', refused: 'Refusée' },
    approve: 'Donner un rôle',
    approve_title: 'Donner accès à %{name}',
    approved: 'Accès accordé : %{name} peut se connecter.',
    refuse: 'Refuser',
    refused: 'Accès refusé.',
  },
};
