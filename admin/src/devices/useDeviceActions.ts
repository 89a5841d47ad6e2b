import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { AllowedTransition, DeviceCard } from '../types.js';

export type PendingAction = { kind: 'transition'; transition: AllowedTransition } | { kind: 'move' };

interface DeviceActionCallbacks {
  onDone: (device: DeviceCard, message: string) => void;
  onError?: (message: string) => void;
  onDialogChange?: (open: boolean) => void;
}

/** A transition or a move sent to the API, through a dialog when a reason (or a site) is needed. */
export function useDeviceActions(device: DeviceCard, { onDone, onError, onDialogChange }: DeviceActionCallbacks) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [busy, setBusy] = useState(false);

  const openDialog = (action: PendingAction) => {
    setPending(action);
    onDialogChange?.(true);
  };
  const closeDialog = () => {
    setPending(null);
    onDialogChange?.(false);
  };

  const run = async (action: PendingAction, input: { reason?: string; site?: string }) => {
    setBusy(true);
    try {
      const reason = input.reason?.trim() || undefined;
      let updated: DeviceCard;
      let message: string;
      if (action.kind === 'move') {
        const site = input.site!.trim();
        updated = await dataProvider.moveDevice(device.id, { site, reason, version: device.version });
        message = translate('resources.devices.notifications.moved', { assetTag: device.assetTag, site });
      } else {
        const to = action.transition.to;
        updated = await dataProvider.transitionDevice(device.id, { to, reason, version: device.version });
        message = translate('resources.devices.notifications.transition_done', {
          assetTag: device.assetTag,
          status: translate(`resources.devices.statuses.${to}`),
        });
      }
      closeDialog();
      onDone(updated, message);
    } catch (error) {
      const message = (error as Error).message;
      if (onError) onError(message);
      else notify(message, { type: 'error' });
      closeDialog();
    } finally {
      setBusy(false);
    }
  };

  const onTransitionClick = (transition: AllowedTransition) => {
    if (transition.reasonRequired) openDialog({ kind: 'transition', transition });
    else void run({ kind: 'transition', transition }, {});
  };

  return { pending, busy, closeDialog, openDialog, run, onTransitionClick };
}
