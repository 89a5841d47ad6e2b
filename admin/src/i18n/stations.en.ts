import type { stationsResourcesFr, stationsScreensFr } from './stations.fr.js';

/** Messages of the wiping stations screen (spread into en.ts). */
export const stationsResourcesEn: typeof stationsResourcesFr = {
  stations: {
    name: 'Wiping station |||| Wiping stations',
    fields: {
      name: 'Station name',
      site: 'Site',
      tokenHint: 'Token (start)',
      createdAt: 'Created',
      lastUsedAt: 'Last upload',
      revokedAt: 'State',
    },
  },
};

export const stationsScreensEn: typeof stationsScreensFr = {
  stations: {
    menu: 'Wiping stations',
    intro:
      "Each wiping station's USB key uploads the inventory and nwipe log of the PCs it wipes with a token of its own: never a person's password. The token only serves these two uploads; each upload is written in the administration log. Revoke the token of a lost key: its uploads are refused at once.",
    create: 'New station',
    create_title: 'New wiping station',
    created_title: 'Station “%{name}” created',
    name_help: 'For example “Bench 1” or “Red USB key”',
    site_help: 'Unknown devices inventoried by this station are registered on this site',
    token: 'Station token',
    token_once: 'Copy this token now: it will never be shown again. Réemploi keeps only a fingerprint of it.',
    config: 'Station configuration (station.conf)',
    config_help: 'Lines to put in the station.conf file of the USB key, next to the script (see station/README.md):',
    copy: 'Copy',
    copied: 'Copied',
    done: 'I have copied the token',
    never: 'Never',
    active: 'Active',
    revoked_on: 'Revoked on %{date}',
    revoke: 'Revoke',
    revoke_title: 'Revoke the token of “%{name}”?',
    revoke_confirm: "This key's next uploads will be refused. To use it again, create a new station and put its token in station.conf.",
    revoked: 'Token of “%{name}” revoked',
  },
};
