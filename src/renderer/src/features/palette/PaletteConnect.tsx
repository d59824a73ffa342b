import { useEffect, useEffectEvent, useRef } from 'react';
import { useConnect } from '../../api';
import { useNavigation } from '../../app/navigation';

/**
 * Connects one cloud once, as the Connect button of its card would (same mutation key: the navbar
 * dot and the card show the attempt). A cloud that needs a password opens on the Clouds page,
 * where its card asks for it.
 */
export function PaletteConnect({ cloudId, onDone }: { cloudId: string; onDone: () => void }) {
  const connect = useConnect(cloudId);
  const { navigate } = useNavigation();
  const started = useRef(false);
  const start = useEffectEvent(() => {
    connect.mutate(
      {},
      {
        // A wrong or missing password, an unreachable Keystone: the card says which and offers the fix.
        onError: () => navigate({ page: 'clouds', cloudId }),
        onSettled: onDone,
      },
    );
  });
  useEffect(() => {
    // Once per mount, also under StrictMode's double effects.
    if (started.current) return;
    started.current = true;
    start();
  }, []);
  return null;
}
