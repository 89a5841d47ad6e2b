import { useGetList, useTranslate } from 'react-admin';
import { Box, CircularProgress, Stack, Typography } from '@mui/material';
import { useFormat } from '../i18n/useFormat.js';
import type { DeviceEvent } from '../types.js';

/** One sentence for what happened, in the user's words. */
function useDescribeEvent() {
  const translate = useTranslate();
  const format = useFormat();
  const status = (value: string | null) => (value ? translate(`resources.devices.statuses.${value}`) : '—');
  return (event: DeviceEvent): string => {
    switch (event.type) {
      case 'transition':
        // the move to "sanitized" names the certificate it came with
        if (event.details?.certificateNumber) {
          return translate('resources.devices.timeline.transition_certificate', {
            from: status(event.fromStatus),
            to: status(event.toStatus),
            number: event.details.certificateNumber,
          });
        }
        return translate('resources.devices.timeline.transition', { from: status(event.fromStatus), to: status(event.toStatus) });
      case 'medium_added':
        return translate('resources.devices.timeline.medium_added', {
          kind: event.details?.kind ? translate(`resources.media.kinds.${event.details.kind}`, { _: event.details.kind }) : '',
          serial: event.details?.serialNumber ?? '—',
        });
      case 'medium_removed':
        return translate('resources.devices.timeline.medium_removed', { serial: event.details?.serialNumber ?? '—' });
      case 'sanitization': {
        const details = event.details ?? {};
        const outcome = details.result === 'failure' ? 'failure' : details.category === 'destroy' ? 'destroyed' : 'success';
        return translate(`resources.devices.timeline.sanitization_${outcome}`, {
          serial: details.medium ?? '—',
          technique: details.technique ? translate(`resources.sanitizations.techniques.${details.technique}`, { _: details.technique }) : '—',
          category: details.category ? translate(`resources.sanitizations.categories.${details.category}`, { _: details.category }) : '—',
          tool: details.tool ?? '—',
        });
      }
      case 'moved':
        return translate('resources.devices.timeline.moved', { from: event.details?.fromSite ?? '—', to: event.site ?? '—' });
      case 'updated': {
        const fields = Object.keys(event.details?.changes ?? {})
          .map((field) => translate(`resources.devices.fields.${field}`, { _: field }).toLocaleLowerCase())
          .join(', ');
        if (!fields) return translate('resources.devices.timeline.updated');
        const key = event.details?.source === 'import' ? 'updated_by_import' : 'updated_fields';
        return translate(`resources.devices.timeline.${key}`, { fields });
      }
      case 'audited': {
        const details = event.details ?? {};
        const unexpected = details.result === 'unexpected' && details.recordedSite && details.recordedSite !== event.site;
        return translate(`resources.audits.timeline.${unexpected ? 'audited_unexpected' : 'audited'}`, {
          site: event.site ?? '—',
          recordedSite: details.recordedSite ?? '—',
          audit: details.audit ?? '—',
        });
      }
      case 'missing':
        return translate('resources.audits.timeline.missing', { audit: event.details?.audit ?? '—' });
      case 'found':
        return translate('resources.audits.timeline.found', { audit: event.details?.audit ?? '—', since: format.date(event.details?.missingSince) || '—' });
      default:
        return translate(`resources.devices.timeline.${event.type}`);
    }
  };
}

/** The chain of custody of one device, newest first: what, when, who, where, why. */
export const CustodyTimeline = ({ deviceId }: { deviceId: number }) => {
  const translate = useTranslate();
  const format = useFormat();
  const describe = useDescribeEvent();
  const { data: events, isPending } = useGetList<DeviceEvent>('events', {
    filter: { device: deviceId },
    sort: { field: 'at', order: 'DESC' },
    pagination: { page: 1, perPage: 200 },
  });

  if (isPending) return <CircularProgress size={24} aria-label={translate('ra.page.loading')} />;
  if (!events?.length) return <Typography color="text.secondary">{translate('resources.devices.timeline.empty')}</Typography>;

  return (
    <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }} aria-label={translate('resources.devices.sections.timeline')}>
      {events.map((event, index) => (
        <Box
          component="li"
          key={event.id}
          data-testid="timeline-event"
          sx={{ display: 'flex', gap: 2, position: 'relative', pb: index === events.length - 1 ? 0 : 2.5 }}
        >
          {/* the dot and the line joining the events */}
          <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', pt: 0.75 }} aria-hidden>
            <Box sx={{ width: 12, height: 12, borderRadius: '50%', bgcolor: index === 0 ? 'primary.main' : 'grey.500' }} />
            {index < events.length - 1 && <Box sx={{ flex: 1, width: 2, bgcolor: 'grey.300', mt: 0.5 }} />}
          </Box>
          <Stack spacing={0.25} sx={{ minWidth: 0 }}>
            <Typography sx={{ fontWeight: 600 }}>{describe(event)}</Typography>
            <Typography variant="body2" color="text.secondary">
              <time dateTime={event.at}>{format.dateTime(event.at)}</time>{' '}
              {translate('resources.devices.timeline.by', {
                name: event.actorName,
                role: translate(`resources.users.roles.${event.actorRole}`),
              })}
            </Typography>
            {event.site && event.type !== 'moved' && (
              <Typography variant="body2" color="text.secondary">
                {translate('resources.devices.timeline.at_site', { site: event.site })}
              </Typography>
            )}
            {event.reason && (
              <Typography variant="body2">{translate('resources.devices.timeline.reason', { reason: event.reason })}</Typography>
            )}
          </Stack>
        </Box>
      ))}
    </Box>
  );
};
