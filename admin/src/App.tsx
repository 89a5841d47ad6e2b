import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { Admin, CanAccess, CustomRoutes, Resource } from 'react-admin';
import { authProvider } from './providers/authProvider.js';
import { dataProvider } from './providers/dataProvider.js';
import { i18nProvider } from './i18n/i18nProvider.js';
import { Layout } from './layout/Layout.js';
import { LoginPage } from './layout/LoginPage.js';
import { VerifyDocumentPage } from './transparency/VerifyDocumentPage.js';
import { theme } from './layout/theme.js';
import { Dashboard } from './dashboard/Dashboard.js';
import devices from './devices/index.js';
import users from './users/index.js';
import { media, sanitizations } from './sanitization/index.js';
import batches from './batches/index.js';
import audits, { MissingQueue } from './stock-takes/index.js';
import { beneficiaries, ReceptionPage, referrals, RgpdPage } from './referrals/index.js';
import factors from './factors/index.js';
import priceGrids from './pricing/index.js';
import agreements from './agreements/index.js';
import adminLog from './admin-log/index.js';
import { accessRequests, OidcCallbackPage, oidcMappings } from './sign-in/index.js';
import { stations } from './stations/index.js';
import { AccessibilityStatement } from './accessibility/AccessibilityStatement.js';

const ScannerPage = lazy(() => import('./scanner/ScannerPage.js').then((module) => ({ default: module.ScannerPage })));
const PickupQueue = lazy(() => import('./pickup/PickupQueue.js').then((module) => ({ default: module.PickupQueue })));
const PickupPage = lazy(() => import('./pickup/PickupPage.js').then((module) => ({ default: module.PickupPage })));
const RefurbishmentQueue = lazy(() =>
  import('./refurbishment/RefurbishmentQueue.js').then((module) => ({ default: module.RefurbishmentQueue })),
);
const ImportPage = lazy(() => import('./import/ImportPage.js').then((module) => ({ default: module.ImportPage })));
const WipingStationPage = lazy(() => import('./sanitization/WipingStationPage.js').then((module) => ({ default: module.WipingStationPage })));
const QuarantineList = lazy(() => import('./sanitization/QuarantineList.js').then((module) => ({ default: module.QuarantineList })));
const NotificationList = lazy(() => import('./notifications/NotificationList.js').then((module) => ({ default: module.NotificationList })));
const PreferencesPage = lazy(() => import('./notifications/PreferencesPage.js').then((module) => ({ default: module.PreferencesPage })));

// Over 80 lines on purpose: the table of contents of the back office (one <Resource> or <Route> per screen), read top to bottom.
export const App = () => (
  <Admin
    title="Réemploi — Département du Nord"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    layout={Layout}
    loginPage={LoginPage}
    dashboard={Dashboard}
    theme={theme}
    requireAuth
    disableTelemetry
  >
    <Resource name="devices" {...devices} />
    <Resource name="events" />
    <Resource name="users" {...users} />
    <Resource name="media" {...media} />
    <Resource name="sanitizations" {...sanitizations} />
    <Resource name="batches" {...batches} />
    <Resource name="audits" {...audits} />
    <Resource name="referrals" {...referrals} />
    <Resource name="beneficiaries" {...beneficiaries} />
    <Resource name="factors" {...factors} />
    <Resource name="agreements" {...agreements} />
    <Resource name="price-grids" {...priceGrids} />
    <Resource name="reports" />
    <Resource name="admin-log" {...adminLog} />
    <Resource name="oidc-mappings" {...oidcMappings} />
    <Resource name="access-requests" {...accessRequests} />
    <Resource name="stations" {...stations} />
    <CustomRoutes noLayout>
      {/* the identity provider sends the browser back here, signed in or not */}
      <Route path="/oidc/callback" element={<OidcCallbackPage />} />
      {/* public: anyone checks a PDF issued by Réemploi (hashed in the browser) */}
      <Route path="/verifier-document" element={<VerifyDocumentPage />} />
    </CustomRoutes>
    <CustomRoutes>
      {/* every role: one's own notifications and preferences */}
      <Route path="/notifications" element={<NotificationList />} />
      <Route path="/preferences" element={<PreferencesPage />} />
      <Route
        path="/missing"
        element={
          <CanAccess action="list" resource="audits">
            <MissingQueue />
          </CanAccess>
        }
      />
      <Route
        path="/pickup"
        element={
          <CanAccess action="create" resource="pickups">
            <PickupQueue />
          </CanAccess>
        }
      />
      <Route
        path="/pickup/:id"
        element={
          <CanAccess action="create" resource="pickups">
            <PickupPage />
          </CanAccess>
        }
      />
      <Route
        path="/refurbishment"
        element={
          <CanAccess action="create" resource="pickups">
            <RefurbishmentQueue />
          </CanAccess>
        }
      />
      <Route
        path="/scanner"
        element={
          <CanAccess action="show" resource="scanner">
            <ScannerPage />
          </CanAccess>
        }
      />
      <Route
        path="/import"
        element={
          <CanAccess action="create" resource="import">
            <ImportPage />
          </CanAccess>
        }
      />
      <Route
        path="/wiping"
        element={
          <CanAccess action="create" resource="sanitizations">
            <WipingStationPage />
          </CanAccess>
        }
      />
      <Route
        path="/quarantine"
        element={
          <CanAccess action="list" resource="sanitizations">
            <QuarantineList />
          </CanAccess>
        }
      />
      <Route
        path="/reception"
        element={
          <CanAccess action="create" resource="referral_decisions">
            <ReceptionPage />
          </CanAccess>
        }
      />
      <Route
        path="/rgpd"
        element={
          <CanAccess action="edit" resource="rgpd">
            <RgpdPage />
          </CanAccess>
        }
      />
    </CustomRoutes>
    {/* public, readable before signing in (RGAA: the accessibility statement) */}
    <CustomRoutes noLayout>
      <Route path="/accessibilite" element={<AccessibilityStatement />} />
    </CustomRoutes>
  </Admin>
);
