// Check now (not for heartbeats), pause/resume and a new push URL (responders), delete
// (administrators). Delete and a new push URL ask first: neither can be undone.
import { useState } from 'react';
import { describeError } from '../../api/describe-error';
import { checkMonitor, deleteMonitor, newPushToken, pauseMonitor, resumeMonitor } from '../../api/monitors';
import type { MonitorDetail } from '../../api/types';
import { useRouter } from '../../app/router';
import { useMe } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { absoluteUrl } from './PushUrlNotice';

type Action = 'check' | 'pause' | 'delete' | 'rotate';

interface Props {
  monitor: MonitorDetail;
  onChanged(): void;
  /** A heartbeat's new push URL, to be shown once. */
  onPushUrl(url: string): void;
}

export function MonitorActions({ monitor, onChanged, onPushUrl }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const toast = useToast();
  const { navigate } = useRouter();
  const [busy, setBusy] = useState<Action | null>(null);
  const [confirming, setConfirming] = useState<'delete' | 'rotate' | null>(null);
  const a = t.monitors.actions;
  if (me.role === 'viewer') return null;
  const heartbeat = monitor.kind === 'heartbeat';

  const run = async (what: Action, action: () => Promise<void>) => {
    setBusy(what);
    try {
      await action();
    } catch (err) {
      toast.error(describeError(err, t).message);
    }
    setBusy(null);
  };

  const check = () =>
    run('check', async () => {
      const r = await checkMonitor(monitor.id);
      const latency = r.latencyMs === null ? t.common.none : t.monitors.latencyMs(r.latencyMs);
      const text = a.checked(t.monitors.checkStatus[r.status], latency);
      toast.info(r.recorded ? text : `${text} ${a.notRecorded}`);
      onChanged();
    });
  const togglePause = () =>
    run('pause', async () => {
      await (monitor.paused ? resumeMonitor(monitor.id) : pauseMonitor(monitor.id));
      toast.success(monitor.paused ? a.resumed : a.paused);
      onChanged();
    });
  const confirmed = () =>
    run(confirming ?? 'delete', async () => {
      if (confirming === 'rotate') {
        const { pushUrl } = await newPushToken(monitor.id);
        setConfirming(null);
        onPushUrl(absoluteUrl(pushUrl));
        return;
      }
      await deleteMonitor(monitor.id);
      setConfirming(null);
      toast.success(a.deleted);
      navigate({ name: 'monitors' });
    });

  return (
    <>
      {!heartbeat && (
        <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void check()}>
          {a.check}
        </button>
      )}
      <button type="button" className="button" disabled={busy !== null} onClick={() => void togglePause()}>
        {monitor.paused ? a.resume : a.pause}
      </button>
      {heartbeat && (
        <button type="button" className="button" disabled={busy !== null} onClick={() => setConfirming('rotate')}>
          {a.rotate}
        </button>
      )}
      {me.role === 'admin' && (
        <button type="button" className="button" disabled={busy !== null} onClick={() => setConfirming('delete')}>
          {a.delete}
        </button>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming === 'rotate' ? a.confirmRotate : a.confirmDelete(monitor.name)}
        confirmLabel={confirming === 'rotate' ? a.rotate : a.delete}
        danger
        busy={busy === 'delete' || busy === 'rotate'}
        onConfirm={() => void confirmed()}
        onCancel={() => setConfirming(null)}
      >
        <p>{confirming === 'rotate' ? a.rotateBody : a.deleteBody}</p>
      </ConfirmDialog>
    </>
  );
}
