import type { AdminLogEntry } from './types.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const KNOWN_TARGETS = ['users', 'factors', 'agreements', 'devices', 'beneficiaries', 'jobs', 'stations'];
const ROLES = ['admin', 'it_staff', 'partner', 'social_worker', 'viewer'];

/** "Compte n° 12", "Tâche « purge du journal d'administration »": what the line is about, in words. */
export function describeTarget(entry: AdminLogEntry, translate: Translate): string {
  if (!entry.targetType || entry.targetId === null) return '';
  if (entry.targetType === 'jobs') {
    return translate('reemploi.adminLog.targets.jobs', { id: translate(`reemploi.adminLog.jobs.${entry.targetId}`, { _: entry.targetId }) });
  }
  if (KNOWN_TARGETS.includes(entry.targetType)) return translate(`reemploi.adminLog.targets.${entry.targetType}`, { id: entry.targetId });
  return translate('reemploi.adminLog.targets.other', { type: entry.targetType, id: entry.targetId });
}

const roleLabel = (role: unknown, translate: Translate) =>
  typeof role === 'string' && ROLES.includes(role) ? translate(`resources.users.roles.${role}`) : String(role ?? '');

const MAX_VALUE_LENGTH = 120;

/** A changed value as a person reads it: numbers in the UI's format, empty as "(vide)", price caps as "Portable 150", long sources cut. */
function valueText(value: unknown, translate: Translate, locale: string): string {
  if (value === null || value === undefined || value === '') return translate('reemploi.adminLog.empty_value');
  if (typeof value === 'number') return value.toLocaleString(locale);
  if (typeof value === 'boolean') return translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
  if (typeof value === 'string' && value.length > MAX_VALUE_LENGTH) return `${value.slice(0, MAX_VALUE_LENGTH)}…`;
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${translate(`resources.devices.types.${key}`, { _: key })} ${valueText(inner, translate, locale)}`)
      .join(', ');
  }
  return String(value);
}

/** The field's label: the factor screen's own labels, then the log's, then the name itself. */
function fieldLabel(field: string, targetType: string | null, translate: Translate): string {
  const fallback = translate(`reemploi.adminLog.fields.${field}`, { _: field });
  return targetType === 'factors' ? translate(`resources.factors.fields.${field}`, { _: fallback }) : fallback;
}

function describeChanges(entry: AdminLogEntry, translate: Translate, locale: string): string {
  const changes = (entry.details?.changes ?? {}) as Record<string, [unknown, unknown]>;
  const lines = Object.entries(changes).map(([field, [from, to]]) =>
    translate('reemploi.adminLog.details.change', {
      field: fieldLabel(field, entry.targetType, translate),
      from: valueText(from, translate, locale),
      to: valueText(to, translate, locale),
    }),
  );
  return lines.length ? lines.join(' ; ') : translate('reemploi.adminLog.details.no_change');
}

/** One readable sentence of what the line holds beyond its action, target and outcome. */
export function describeDetails(entry: AdminLogEntry, translate: Translate, locale: string): string {
  const details = entry.details ?? {};
  const reason = typeof details.reason === 'string' ? translate(`reemploi.adminLog.reasons.${details.reason}`, { _: details.reason }) : undefined;
  switch (entry.action) {
    case 'login_failed':
      return [reason, details.typed === 'not_an_email' ? translate('reemploi.adminLog.details.not_an_email') : undefined].filter(Boolean).join(' ; ');
    case 'password_changed':
      return reason ?? '';
    case 'role_changed':
      return translate('reemploi.adminLog.details.role', { from: roleLabel(details.from, translate), to: roleLabel(details.to, translate) });
    case 'user_created':
      return translate('reemploi.adminLog.details.created_user', { email: String(details.email ?? ''), role: roleLabel(details.role, translate) });
    case 'user_updated':
    case 'factor_updated':
    case 'agreement_updated':
      return describeChanges(entry, translate, locale);
    case 'agreement_created':
      return translate('reemploi.adminLog.details.created_agreement', {
        partner: String(details.partner ?? ''),
        from: details.startsOn ? new Date(String(details.startsOn)).toLocaleDateString(locale, { timeZone: 'UTC' }) : '',
        to: details.endsOn ? new Date(String(details.endsOn)).toLocaleDateString(locale, { timeZone: 'UTC' }) : '',
      });
    case 'device_withdrawn':
      return translate('reemploi.adminLog.details.withdrawn', {
        assetTag: String(details.assetTag ?? ''),
        from: translate(`resources.devices.statuses.${String(details.from)}`, { _: String(details.from ?? '') }),
        reason: valueText(details.reason, translate, locale),
      });
    case 'job_run':
      return translate('reemploi.adminLog.details.job_result', {
        result: Object.entries((details.result ?? {}) as Record<string, unknown>)
          .map(([key, value]) => {
            const label = translate(`reemploi.adminLog.results.${key}`, { _: key });
            return typeof value === 'number' ? `${valueText(value, translate, locale)} ${label}` : value === true ? label : `${label} : ${valueText(value, translate, locale)}`;
          })
          .join(', '),
      });
    case 'access_requested':
      return translate('reemploi.adminLog.details.access_requested', { name: String(details.name ?? ''), email: String(details.email ?? ''), provider: String(details.provider ?? '') });
    case 'access_approved':
      return translate('reemploi.adminLog.details.created_user', { email: String(details.email ?? ''), role: roleLabel(details.role, translate) });
    case 'chassis_mapping_saved':
      return translate('reemploi.adminLog.details.chassis_mapping', {
        label: String(details.label ?? ''),
        type: translate(`resources.devices.types.${String(details.deviceType)}`, { _: String(details.deviceType ?? '') }),
      });
    case 'access_refused':
      return String(details.email ?? '');
    case 'person_exported':
      return translate('reemploi.adminLog.details.format', { format: String(details.format ?? '').toUpperCase() });
    case 'person_erased':
      return details.alreadyAnonymised ? translate('reemploi.adminLog.details.already_anonymised') : '';
    case 'station_created':
    case 'station_revoked':
      return translate('reemploi.adminLog.details.station', { name: String(details.name ?? ''), site: String(details.site ?? '') });
    case 'station_used':
      return [
        translate('reemploi.adminLog.details.station', { name: String(details.name ?? ''), site: String(details.site ?? '') }),
        translate('reemploi.adminLog.details.request', { method: entry.method ?? '', route: entry.route ?? '', status: entry.status ?? '' }),
        details.assetTag ? String(details.assetTag) : '',
      ]
        .filter(Boolean)
        .join(' ; ');
    case 'admin_request': {
      const parts = [
        translate('reemploi.adminLog.details.request', {
          method: translate(`reemploi.adminLog.methods.${entry.method}`, { _: entry.method ?? '' }),
          route: entry.route ?? '',
          status: entry.status ?? '',
        }),
      ];
      if (Array.isArray(details.fields) && details.fields.length) parts.push(translate('reemploi.adminLog.details.fields', { fields: details.fields.map((field) => fieldLabel(String(field), entry.targetType, translate)).join(', ') }));
      if (details.aborted) parts.push(translate('reemploi.adminLog.details.aborted'));
      return parts.join(' ; ');
    }
    default:
      return '';
  }
}
