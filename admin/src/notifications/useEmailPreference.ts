import { useEffect, useState, type FormEvent } from 'react';
import { useNotify } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { getSessionUser } from '../providers/session.js';
import { EMAIL_PREFERENCES, type EmailPreference, type EmailPreferenceState } from './types.js';

/**
 * GET /api/me does not carry the e-mail preference yet: the last choice made here is kept in
 * this browser, and a future `emailPreference` / `emailEnabled` in /api/me wins over it.
 */
const storageKey = () => `reemploi.emailPreference.${getSessionUser()?.id ?? 'anonymous'}`;

function readStored(): Partial<EmailPreferenceState> {
  try {
    return JSON.parse(localStorage.getItem(storageKey()) ?? '{}') as Partial<EmailPreferenceState>;
  } catch {
    return {};
  }
}

const isPreference = (value: unknown): value is EmailPreference => EMAIL_PREFERENCES.includes(value as EmailPreference);
/** The user's e-mail preference: what is known of it (server, else this browser), the choice being made, and saving it. */
export function useEmailPreference() {
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  const me = useQuery({ queryKey: ['me'], queryFn: () => dataProvider.getMe() });
  const [known, setKnown] = useState<Partial<EmailPreferenceState>>(readStored);
  const [choice, setChoice] = useState<EmailPreference | ''>(known.emailPreference ?? '');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const fromServer = me.data;
    if (!fromServer) return;
    const update: Partial<EmailPreferenceState> = {};
    if (isPreference(fromServer.emailPreference)) update.emailPreference = fromServer.emailPreference;
    if (typeof fromServer.emailEnabled === 'boolean') update.emailEnabled = fromServer.emailEnabled;
    if (!Object.keys(update).length) return;
    setKnown((old) => ({ ...old, ...update }));
    if (update.emailPreference) setChoice(update.emailPreference);
  }, [me.data]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    setSaving(true);
    try {
      const saved = await dataProvider.setEmailPreference(choice);
      localStorage.setItem(storageKey(), JSON.stringify(saved));
      setKnown(saved);
      notify('reemploi.preferences.saved', { type: 'success' });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  return { known, choice, setChoice, saving, save };
}
