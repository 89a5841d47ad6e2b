import { lazy, Suspense } from 'react';
import { Link } from 'react-router-dom';
import { Title, useGetIdentity, useTranslate } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import { Box, Button, Card, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import ScannerIcon from '@mui/icons-material/QrCodeScanner';
import ImportIcon from '@mui/icons-material/UploadFile';
import ListIcon from '@mui/icons-material/Computer';
import PrintIcon from '@mui/icons-material/Print';
import PickupIcon from '@mui/icons-material/LocalShipping';
import RefurbishIcon from '@mui/icons-material/Build';
import ReceptionIcon from '@mui/icons-material/HowToReg';
import { DEVICE_STATUSES, DEVICE_TYPES, type DeviceStatus } from '../../../api/devices/lifecycle.js';
import { PARTNER_VISIBLE_STATUSES } from '../../../api/core/permissions.js';
import { useCan, useReemploiDataProvider, useRole } from '../providers/hooks.js';
import { SocialWorkerHome } from '../referrals/index.js';
import { useFormat } from '../i18n/useFormat.js';
import { StatusChip } from '../devices/StatusChip.js';

// the charts library stays out of the initial bundle: only the steering committee and admins load it
const SteeringDashboard = lazy(() => import('./SteeringDashboard.js'));

const LABELS_TO_PRINT_FILTER = encodeURIComponent(JSON.stringify({ status: 'registered', labelPrinted: false }));

const KeyFigure = ({ label, value }: { label: string; value: string }) => (
  <Card variant="outlined" sx={{ flex: '1 1 200px' }}>
    <CardContent>
      <Typography color="text.secondary">{label}</Typography>
      <Typography variant="h3" component="p" sx={{ fontWeight: 700 }}>
        {value}
      </Typography>
    </CardContent>
  </Card>
);

const Shortcuts = () => {
  const translate = useTranslate();
  const canScan = useCan('show', 'scanner');
  const canImport = useCan('create', 'import');
  const canList = useCan('list', 'devices');
  const canPrint = useCan('show', 'labels');
  const canPickUp = useCan('create', 'pickups');
  const canReceive = useCan('create', 'referral_decisions');
  return (
    <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap' }}>
      {canScan && (
        <Button component={Link} to="/scanner" variant="contained" size="large" startIcon={<ScannerIcon />} sx={{ minHeight: 52 }}>
          {translate('reemploi.dashboard.open_scanner')}
        </Button>
      )}
      {canImport && (
        <Button component={Link} to="/import" variant="contained" size="large" startIcon={<ImportIcon />} sx={{ minHeight: 52 }}>
          {translate('reemploi.dashboard.open_import')}
        </Button>
      )}
      {canList && (
        <Button component={Link} to="/devices" variant="outlined" size="large" startIcon={<ListIcon />} sx={{ minHeight: 52 }}>
          {translate('reemploi.dashboard.see_devices')}
        </Button>
      )}
      {canPrint && (
        <Button
          component={Link}
          to={`/devices?filter=${LABELS_TO_PRINT_FILTER}`}
          variant="outlined"
          size="large"
          startIcon={<PrintIcon />}
          sx={{ minHeight: 52 }}
        >
          {translate('reemploi.dashboard.print_pending')}
        </Button>
      )}
      {canPickUp && (
        <Button component={Link} to="/pickup" variant="outlined" size="large" startIcon={<PickupIcon />} sx={{ minHeight: 52 }}>
          {translate('reemploi.handover.menu.pickup')}
        </Button>
      )}
      {canPickUp && (
        <Button component={Link} to="/refurbishment" variant="outlined" size="large" startIcon={<RefurbishIcon />} sx={{ minHeight: 52 }}>
          {translate('reemploi.handover.menu.refurbishment')}
        </Button>
      )}
      {canReceive && (
        <Button component={Link} to="/reception" variant="outlined" size="large" startIcon={<ReceptionIcon />} sx={{ minHeight: 52 }}>
          {translate('reemploi.referrals.menu.reception')}
        </Button>
      )}
    </Stack>
  );
};

/**
 * The devices this role acts on, as the API counts them in its scope (api/devices/device-scope.ts):
 * the partner, those handed to its organisation, in the statuses it may see; labels for who prints them.
 */
const Figures = () => {
  const translate = useTranslate();
  const format = useFormat();
  const role = useRole();
  const canPrint = useCan('show', 'labels');
  const statuses: readonly DeviceStatus[] = role === 'partner' ? PARTNER_VISIBLE_STATUSES : DEVICE_STATUSES;
  const dataProvider = useReemploiDataProvider();
  const { data, isPending, error } = useQuery({ queryKey: ['dashboard'], queryFn: () => dataProvider.getDashboard() });
  if (isPending) {
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <CircularProgress size={20} aria-label={translate('reemploi.dashboard.loading')} />
        <Typography>{translate('reemploi.dashboard.loading')}</Typography>
      </Stack>
    );
  }
  if (error || !data) return <Typography color="error">{(error as Error | null)?.message}</Typography>;
  return (
    <Stack spacing={2}>
      <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap' }}>
        <KeyFigure label={translate(role === 'partner' ? 'reemploi.dashboard.total_partner' : 'reemploi.dashboard.total')} value={format.number(data.total)} />
        {canPrint && <KeyFigure label={translate('reemploi.dashboard.labels_to_print')} value={format.number(data.labelsToPrint)} />}
      </Stack>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
        <Card variant="outlined">
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>
              {translate('reemploi.dashboard.by_status')}
            </Typography>
            <Stack component="ul" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }}>
              {statuses.map((status) => (
                <Box component="li" key={status} sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
                  <StatusChip status={status} />
                  <Typography sx={{ fontWeight: 600 }}>{format.number(data.byStatus[status] ?? 0)}</Typography>
                </Box>
              ))}
            </Stack>
          </CardContent>
        </Card>
        <Card variant="outlined">
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>
              {translate('reemploi.dashboard.by_type')}
            </Typography>
            <Stack component="ul" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }}>
              {DEVICE_TYPES.map((type) => (
                <Box component="li" key={type} sx={{ display: 'flex', justifyContent: 'space-between' }}>
                  <Typography>{translate(`resources.devices.types.${type}`)}</Typography>
                  <Typography sx={{ fontWeight: 600 }}>{format.number(data.byType[type] ?? 0)}</Typography>
                </Box>
              ))}
            </Stack>
          </CardContent>
        </Card>
      </Box>
    </Stack>
  );
};

export const Dashboard = () => {
  const translate = useTranslate();
  const role = useRole();
  const { identity } = useGetIdentity();
  const canSeeFigures = useCan('show', 'dashboard');
  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('reemploi.menu.dashboard')} />
      {role === 'viewer' || role === 'admin' ? (
        <Suspense fallback={<CircularProgress sx={{ mt: 2 }} aria-label={translate('reemploi.dashboard.loading')} />}>
          <SteeringDashboard />
        </Suspense>
      ) : role === 'social_worker' ? (
        <Suspense fallback={<CircularProgress sx={{ mt: 2 }} aria-label={translate('reemploi.dashboard.loading')} />}>
          <SocialWorkerHome />
        </Suspense>
      ) : (
        <Stack spacing={3}>
          <Box>
            <Typography variant="h4" component="h1" sx={{ fontWeight: 700 }}>
              {translate('reemploi.dashboard.welcome', { name: identity?.fullName ?? '' })}
            </Typography>
            <Typography color="text.secondary">{translate('reemploi.dashboard.intro')}</Typography>
          </Box>
          <Shortcuts />
          {canSeeFigures && <Figures />}
        </Stack>
      )}
    </Box>
  );
};
