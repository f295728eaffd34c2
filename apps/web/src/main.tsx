import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './app.css';
import 'dayjs/locale/vi';
import { Badge, createTheme, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { SessionProvider } from './auth/session.context';
import { PALETTE } from './lib/palette';

const theme = createTheme({
  primaryColor: 'blue',
  // Every colour of the app (lib/palette.ts): shades 6–9 darkened to read at WCAG 2.1 AA.
  colors: PALETTE,
  primaryShade: 6,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif',
  defaultRadius: 'md',
  components: {
    // Status words are long ("Đang thực hiện quá hạn"): a pill on one line, in sentence case, never cut.
    Badge: Badge.extend({
      styles: {
        root: { height: 'auto', minHeight: 'var(--badge-height)', paddingBlock: 2, textTransform: 'none', flexShrink: 0 },
        label: { whiteSpace: 'nowrap', overflow: 'visible', textOverflow: 'clip', lineHeight: 1.25 },
      },
    }),
  },
});

// Placeholders that stand as text (the date range picker's button) read at AA too: gray 6, not 5.
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-placeholder': PALETTE.gray[6] },
  dark: {},
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <DatesProvider settings={{ locale: 'vi', firstDayOfWeek: 1, weekendDays: [0, 6] }}>
        <Notifications position="top-right" limit={4} />
        <SessionProvider>
          <App />
        </SessionProvider>
      </DatesProvider>
    </MantineProvider>
  </StrictMode>,
);
