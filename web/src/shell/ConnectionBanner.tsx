import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

import { connectionState, onConnectionChange } from '../api/connection';

/** Shown while the live connection is down; once back, `onBack` refreshes what may have been missed. */
export function ConnectionBanner({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const state = useSyncExternalStore(onConnectionChange, connectionState);
  const wasLost = useRef(false);
  useEffect(() => {
    if (state === 'lost') wasLost.current = true;
    if (state === 'connected' && wasLost.current) {
      wasLost.current = false;
      onBack();
    }
  }, [state, onBack]);
  if (state !== 'lost') return null;
  return (
    <div className="connection-banner" role="status" data-testid="connection-lost">
      {t('connection.lost')}
    </div>
  );
}
