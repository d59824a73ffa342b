import { useState } from 'react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './api';
import { AppLayout } from './app/AppLayout';
import { NavigationProvider } from './app/navigation';
import { defaultPageId } from './app/pages';
import { cssVariablesResolver, defaultColorScheme, theme } from './theme';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Main already retries what is worth retrying; an ApiError is an answer, not a blip.
        retry: (failureCount, error) => !(error instanceof ApiError) && failureCount < 1,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** Providers (theme, query cache, notifications, navigation) around the app shell. */
export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme={defaultColorScheme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <NavigationProvider initialRoute={{ page: defaultPageId }}>
          <AppLayout />
        </NavigationProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
