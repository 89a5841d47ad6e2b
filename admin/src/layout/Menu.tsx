import { Menu as RaMenu, usePermissions, useTranslate } from 'react-admin';
import DevicesIcon from '@mui/icons-material/Computer';
import ScannerIcon from '@mui/icons-material/QrCodeScanner';
import ImportIcon from '@mui/icons-material/UploadFile';
import UsersIcon from '@mui/icons-material/People';
import WipingIcon from '@mui/icons-material/CleaningServices';
import SanitizationsIcon from '@mui/icons-material/FactCheck';
import QuarantineIcon from '@mui/icons-material/GppMaybe';
import BatchesIcon from '@mui/icons-material/LocalShipping';
import PickupIcon from '@mui/icons-material/Inventory';
import RefurbishIcon from '@mui/icons-material/Build';
import AuditIcon from '@mui/icons-material/Checklist';
import MissingIcon from '@mui/icons-material/SearchOff';
import ReferralsIcon from '@mui/icons-material/AssignmentInd';
import NewReferralIcon from '@mui/icons-material/PersonAdd';
import PeopleIcon from '@mui/icons-material/Diversity3';
import ReceptionIcon from '@mui/icons-material/HowToReg';
import RgpdIcon from '@mui/icons-material/PrivacyTip';
import FactorsIcon from '@mui/icons-material/EnergySavingsLeaf';
import AdminLogIcon from '@mui/icons-material/ManageHistory';
import AgreementsIcon from '@mui/icons-material/Handshake';
import MappingIcon from '@mui/icons-material/AccountTree';
import AccessRequestIcon from '@mui/icons-material/HowToReg';
import StationIcon from '@mui/icons-material/Usb';
import PriceGridIcon from '@mui/icons-material/PriceChange';
import { canAccess, type Role } from '../../../api/core/permissions.js';
import { referralListTitle } from '../referrals/listTitle.js';

/** Only what the role may use: the same table the API enforces. */
// Over 80 lines on purpose: one flat list of menu items in display order, each a line or three; splitting it would scatter the order.
export const Menu = () => {
  const { permissions: role } = usePermissions<Role | undefined>();
  const translate = useTranslate();
  return (
    <RaMenu>
      <RaMenu.DashboardItem primaryText={translate('reemploi.menu.dashboard')} />
      {canAccess(role, 'list', 'devices') && (
        <RaMenu.Item to="/devices" primaryText={translate('reemploi.menu.devices')} leftIcon={<DevicesIcon />} />
      )}
      {canAccess(role, 'show', 'scanner') && (
        <RaMenu.Item to="/scanner" primaryText={translate('reemploi.menu.scanner')} leftIcon={<ScannerIcon />} />
      )}
      {canAccess(role, 'create', 'sanitizations') && (
        <RaMenu.Item to="/wiping" primaryText={translate('reemploi.menu.wiping')} leftIcon={<WipingIcon />} />
      )}
      {canAccess(role, 'list', 'sanitizations') && (
        <RaMenu.Item to="/sanitizations" primaryText={translate('reemploi.menu.sanitizations')} leftIcon={<SanitizationsIcon />} />
      )}
      {canAccess(role, 'list', 'sanitizations') && (
        <RaMenu.Item to="/quarantine" primaryText={translate('reemploi.menu.quarantine')} leftIcon={<QuarantineIcon />} />
      )}
      {canAccess(role, 'create', 'import') && (
        <RaMenu.Item to="/import" primaryText={translate('reemploi.menu.import')} leftIcon={<ImportIcon />} />
      )}
      {canAccess(role, 'create', 'pickups') && (
        <RaMenu.Item to="/pickup" primaryText={translate('reemploi.handover.menu.pickup')} leftIcon={<PickupIcon />} />
      )}
      {canAccess(role, 'create', 'pickups') && (
        <RaMenu.Item to="/refurbishment" primaryText={translate('reemploi.handover.menu.refurbishment')} leftIcon={<RefurbishIcon />} />
      )}
      {canAccess(role, 'list', 'batches') && (
        <RaMenu.Item to="/batches" primaryText={translate('reemploi.handover.menu.batches')} leftIcon={<BatchesIcon />} />
      )}
      {canAccess(role, 'create', 'referral_decisions') && (
        <RaMenu.Item
          to="/reception"
          primaryText={translate('reemploi.referrals.menu.reception')}
          leftIcon={<ReceptionIcon />}
          sx={{ '& .MuiTypography-root': { whiteSpace: 'normal' } }}
        />
      )}
      {role === 'social_worker' && (
        <RaMenu.Item to="/referrals/create" primaryText={translate('reemploi.referrals.menu.new')} leftIcon={<NewReferralIcon />} />
      )}
      {canAccess(role, 'list', 'referrals') && (
        <RaMenu.Item
          to="/referrals"
          primaryText={translate(referralListTitle(role).key, referralListTitle(role).options)}
          leftIcon={<ReferralsIcon />}
          sx={{ '& .MuiTypography-root': { whiteSpace: 'normal' } }}
        />
      )}
      {canAccess(role, 'list', 'beneficiaries') && (
        <RaMenu.Item
          to="/beneficiaries"
          primaryText={translate('reemploi.referrals.menu.people')}
          leftIcon={<PeopleIcon />}
          sx={{ '& .MuiTypography-root': { whiteSpace: 'normal' } }}
        />
      )}
      {canAccess(role, 'edit', 'rgpd') && (
        <RaMenu.Item to="/rgpd" primaryText={translate('reemploi.referrals.menu.rgpd')} leftIcon={<RgpdIcon />} />
      )}
      {canAccess(role, 'list', 'audits') && (
        <RaMenu.Item to="/audits" primaryText={translate('reemploi.audits.menu.audits')} leftIcon={<AuditIcon />} />
      )}
      {canAccess(role, 'list', 'audits') && (
        <RaMenu.Item to="/missing" primaryText={translate('reemploi.audits.menu.missing')} leftIcon={<MissingIcon />} />
      )}
      {canAccess(role, 'list', 'agreements') && (
        <RaMenu.Item to="/agreements" primaryText={translate('resources.agreements.menu')} leftIcon={<AgreementsIcon />} />
      )}
      {canAccess(role, 'list', 'factors') && (
        <RaMenu.Item
          to="/factors"
          primaryText={translate('reemploi.reports.menu.factors')}
          leftIcon={<FactorsIcon />}
          sx={{ '& .MuiTypography-root': { whiteSpace: 'normal' } }}
        />
      )}
      {canAccess(role, 'list', 'price-grids') && (
        <RaMenu.Item
          to="/price-grids"
          primaryText={translate('resources.price-grids.menu')}
          leftIcon={<PriceGridIcon />}
          sx={{ '& .MuiTypography-root': { whiteSpace: 'normal' } }}
        />
      )}
      {canAccess(role, 'list', 'users') && (
        <RaMenu.Item to="/users" primaryText={translate('reemploi.menu.users')} leftIcon={<UsersIcon />} />
      )}
      {canAccess(role, 'list', 'access-requests') && (
        <RaMenu.Item to="/access-requests" primaryText={translate('reemploi.oidc.menu_requests')} leftIcon={<AccessRequestIcon />} />
      )}
      {canAccess(role, 'list', 'oidc-mappings') && (
        <RaMenu.Item to="/oidc-mappings" primaryText={translate('reemploi.oidc.menu_mappings')} leftIcon={<MappingIcon />} />
      )}
      {canAccess(role, 'list', 'stations') && (
        <RaMenu.Item to="/stations" primaryText={translate('reemploi.stations.menu')} leftIcon={<StationIcon />} />
      )}
      {canAccess(role, 'list', 'admin-log') && (
        <RaMenu.Item
          to="/admin-log"
          primaryText={translate('reemploi.adminLog.menu')}
          leftIcon={<AdminLogIcon />}
          sx={{ '& .MuiTypography-root': { whiteSpace: 'normal' } }}
        />
      )}
    </RaMenu>
  );
};
