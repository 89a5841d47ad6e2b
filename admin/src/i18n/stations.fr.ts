/** Messages of the « Postes d'effacement » screen, the boot USB keys' tokens (spread into fr.ts). */
export const stationsResourcesFr = {
  stations: {
    name: "Poste d'effacement |||| Postes d'effacement",
    fields: {
      name: 'Nom du poste',
      site: 'Site',
      tokenHint: 'Jeton (début)',
      createdAt: 'Créé le',
      lastUsedAt: 'Dernier envoi',
      revokedAt: 'État',
    },
  },
};

export const stationsScreensFr = {
  stations: {
    menu: "Postes d'effacement",
    intro:
      "Chaque clé USB de poste d'effacement envoie l'inventaire et le journal nwipe des PC qu'elle efface avec un jeton qui lui est propre : jamais le mot de passe d'une personne. Le jeton ne sert qu'à ces deux envois ; chaque envoi est inscrit au journal d'administration. Révoquez le jeton d'une clé perdue : ses envois sont refusés aussitôt.",
    create: 'Nouveau poste',
    create_title: "Nouveau poste d'effacement",
    created_title: 'Poste « %{name} » créé',
    name_help: 'Par exemple « Établi 1 » ou « Clé USB rouge »',
    site_help: 'Les appareils inconnus inventoriés par ce poste sont enregistrés sur ce site',
    token: 'Jeton du poste',
    token_once: "Copiez ce jeton maintenant : il ne sera plus jamais affiché. Réemploi n'en garde qu'une empreinte.",
    config: 'Configuration du poste (station.conf)',
    config_help: "Lignes à mettre dans le fichier station.conf de la clé USB, à côté du script (voir station/README.md) :",
    copy: 'Copier',
    copied: 'Copié',
    done: "J'ai copié le jeton",
    never: 'Jamais',
    active: 'Actif',
    revoked_on: 'Révoqué le %{date}',
    revoke: 'Révoquer',
    revoke_title: 'Révoquer le jeton de « %{name} » ?',
    revoke_confirm: "Les prochains envois de cette clé seront refusés. Pour la réutiliser, créez un nouveau poste et mettez son jeton dans station.conf.",
    revoked: 'Jeton de « %{name} » révoqué',
  },
};
