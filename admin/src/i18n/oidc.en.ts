import type { oidcResourcesFr, oidcScreensFr } from './oidc.fr.js';

export const oidcResourcesEn: typeof oidcResourcesFr = {
  'oidc-mappings': {
    name: 'Sign-in rule |||| Sign-in rules',
    fields: {
      provider: 'Identity provider',
      claim: 'Claim',
      value: 'Value',
      role: 'Gives the role',
      territory: 'Gives the territory',
      priority: 'Priority',
    },
    helpers: {
      provider: 'Empty: every configured provider',
      claim: 'For example groups (directory groups), department, realm_access.roles (Keycloak)',
      value: 'For example GG-REEMPLOI-TECH or UTPAS Roubaix (case-insensitive)',
      priority: 'When two rules give a role, the lowest priority wins',
    },
    new: 'New rule',
  },
  'access-requests': {
    name: 'Access request |||| Access requests',
    fields: {
      name: 'Agent',
      email: 'E-mail address',
      provider: 'Identity provider',
      claims: 'Claims received',
      status: 'Status',
      requestedAt: 'Requested on',
      role: 'Role',
      territory: 'Territory',
    },
  },
};

export const oidcScreensEn: typeof oidcScreensFr = {
  oidc: {
    sign_in_with: 'Sign in with %{name}',
    or_password: 'or with a Réemploi password',
    starting: 'Redirecting to %{name}…',
    checking: 'Checking your sign-in…',
    back_to_login: 'Back to the sign-in page',
    pending_title: 'Your access must be approved',
    pending_text:
      'Hello %{name}, %{provider} recognised you, but you have no role in Réemploi yet. An administrator must approve your access and has just been told. Sign in again once access is granted.',
    signed_out: 'You are signed out of Réemploi.',
    end_provider_session: 'Also sign out of %{name}',
    menu_mappings: 'Sign-in rules',
    menu_requests: 'Access requests',
    mappings_intro:
      'What the Département’s identity provider sends (directory groups, department) gives a role and a territory in Réemploi at every sign-in. An agent no rule covers waits for an administrator to give them a role.',
    any_provider: 'All',
    statuses: { pending: 'Pending', approved: 'Granted', refused: 'Refused' },
    approve: 'Give a role',
    approve_title: 'Give access to %{name}',
    approved: 'Access granted: %{name} can sign in.',
    refuse: 'Refuse',
    refused: 'Access refused.',
  },
};
