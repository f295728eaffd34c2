import { Button, Group } from '@mantine/core';
import { lazy, type ReactNode } from 'react';
import { createBrowserRouter, Link, Navigate, Outlet, RouterProvider, useLocation } from 'react-router-dom';
import { useSession } from './auth/session.context';
import { AppLayout } from './components/app-layout';
import { Empty, Loading } from './components/ui';
import { homeCrumb } from './lib/home';
import { BoardPage } from './pages/board.page';
import { DelegationsPage } from './pages/delegations.page';
import { InboxPage } from './pages/inbox.page';
import { LoginPage } from './pages/login.page';
import { NotificationsPage } from './pages/notifications.page';
import { ReviewPage } from './pages/review.page';
import { ForgotPasswordPage, SetPasswordPage } from './pages/set-password.page';
import { TaskPage } from './pages/task.page';

// The charts (Recharts) and the import preview load when first opened: the inbox opens faster.
const DashboardPage = lazy(() => import('./pages/dashboard.page').then((m) => ({ default: m.DashboardPage })));
const DashboardIndexPage = lazy(() => import('./pages/dashboard.page').then((m) => ({ default: m.DashboardIndexPage })));
const ImportPage = lazy(() => import('./pages/import.page').then((m) => ({ default: m.ImportPage })));
const AdminPeoplePage = lazy(() => import('./pages/admin/people.page').then((m) => ({ default: m.AdminPeoplePage })));
const AdminUnitsPage = lazy(() => import('./pages/admin/units.page').then((m) => ({ default: m.AdminUnitsPage })));
const AdminSettingsPage = lazy(() => import('./pages/admin/settings.page').then((m) => ({ default: m.AdminSettingsPage })));
const AdminAuditPage = lazy(() => import('./pages/admin/audit.page').then((m) => ({ default: m.AdminAuditPage })));

/**
 * Pages of the app. `/tasks/:id` is also the link of every notification e-mail
 * (`PUBLIC_URL/tasks/<id>`): the API serves the app there to a browser (apps/api/src/web).
 */

function RequireLogin() {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'loading') return <Loading label="Đang khôi phục phiên đăng nhập…" />;
  if (status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}

/** Each person starts where their work is. */
function Home() {
  const { me } = useSession();
  return <Navigate to={homeCrumb(me).to} replace />;
}

function NotFound() {
  const { me } = useSession();
  const home = homeCrumb(me);
  return (
    <Empty
      title="Không có trang này"
      action={
        <Group justify="center">
          <Button component={Link} to={home.to}>
            Về {home.label.toLowerCase()}
          </Button>
        </Group>
      }
    >
      Đường dẫn có thể đã cũ hoặc gõ nhầm.
    </Empty>
  );
}

/** A page of another role (an old link, a shared address): the person's own start page instead. */
function Guard({ allowed, children }: { allowed: boolean; children: ReactNode }) {
  const { me } = useSession();
  return allowed ? <>{children}</> : <Navigate to={homeCrumb(me).to} replace />;
}

/** The administrator's pages (the API refuses everybody else anyway: 403). */
function AdminRoute({ children }: { children: ReactNode }) {
  const { hasRole } = useSession();
  return <Guard allowed={hasRole('admin')}>{children}</Guard>;
}

function RoleRoutes({ page }: { page: 'inbox' | 'dashboard' | 'dashboardIndex' | 'import' | 'board' | 'delegations' }) {
  const { hasRole } = useSession();
  switch (page) {
    case 'inbox':
      return (
        <Guard allowed={hasRole('director', 'deputyDirector')}>
          <InboxPage />
        </Guard>
      );
    case 'board':
      return (
        <Guard allowed={hasRole('officer', 'unitHead')}>
          <BoardPage />
        </Guard>
      );
    case 'dashboardIndex':
      return <DashboardIndexPage />;
    case 'dashboard':
      return <DashboardPage />;
    case 'import':
      return (
        <Guard allowed={hasRole('monitor')}>
          <ImportPage />
        </Guard>
      );
    case 'delegations':
      return (
        <Guard allowed={hasRole('director')}>
          <DelegationsPage />
        </Guard>
      );
  }
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // The links of invitation and reset e-mails (PUBLIC_URL/set-password?token=…): no login needed.
  { path: '/set-password', element: <SetPasswordPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  {
    element: <RequireLogin />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Home /> },
          { path: 'inbox', element: <RoleRoutes page="inbox" /> },
          { path: 'board', element: <RoleRoutes page="board" /> },
          { path: 'tasks/:id', element: <TaskPage /> },
          { path: 'tasks/:id/review', element: <ReviewPage /> },
          { path: 'dashboard', element: <RoleRoutes page="dashboardIndex" /> },
          { path: 'dashboard/:planId', element: <RoleRoutes page="dashboard" /> },
          { path: 'import', element: <RoleRoutes page="import" /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'delegations', element: <RoleRoutes page="delegations" /> },
          { path: 'admin/people', element: <AdminRoute><AdminPeoplePage /></AdminRoute> },
          { path: 'admin/units', element: <AdminRoute><AdminUnitsPage /></AdminRoute> },
          { path: 'admin/settings', element: <AdminRoute><AdminSettingsPage /></AdminRoute> },
          { path: 'admin/audit', element: <AdminRoute><AdminAuditPage /></AdminRoute> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
