// What each level obliges; administrators change a level's profile here or reset it to the file's.
import { useState } from 'react';
import { describeError } from '../../api/describe-error';
import { listResponseProfiles, resetResponseProfile } from '../../api/settings';
import { useQuery } from '../../api/useQuery';
import { useMe } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LevelBadge } from '../../components/LevelBadge';
import { QueryView } from '../../components/StateView';
import { useToast } from '../../components/Toast';
import { useI18n } from '../../i18n/I18nProvider';
import { asLevel, levelName } from '../../levels';
import { ProfileFacts } from './ProfileFacts';
import { ProfileForm } from './ProfileForm';

export function ResponseProfilesSection() {
  const { t, locale } = useI18n();
  const p = t.settings.profiles;
  const isAdmin = useMe().role === 'admin';
  const toast = useToast();
  const query = useQuery('settings-response-profiles', listResponseProfiles);
  const [editing, setEditing] = useState<number | null>(null);
  const [resetting, setResetting] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const name = (level: number) => levelName(asLevel(level), locale);

  const reset = async () => {
    if (resetting === null) return;
    setBusy(true);
    try {
      await resetResponseProfile(resetting);
      toast.success(p.resetDone(name(resetting)));
      setResetting(null);
      query.reload();
    } catch (err) {
      toast.error(describeError(err, t).message);
    }
    setBusy(false);
  };

  return (
    <>
      <p>{p.intro}</p>
      {!isAdmin && <p className="card admin-note">{p.adminNote}</p>}
      <QueryView query={query}>
        {(page) => (
          <div className="profile-cards">
            {page.items.map((item) => (
              <article key={item.level} className="card profile-card" data-level={item.level} aria-labelledby={`profile-${item.level}`}>
                <div className="profile-card-head">
                  <h3 id={`profile-${item.level}`}>
                    <LevelBadge level={item.level} />
                  </h3>
                  <span className="chip" data-source={item.source}>
                    {p.source[item.source]}
                  </span>
                </div>
                {editing === item.level ? (
                  <ProfileForm
                    item={item}
                    onSaved={() => {
                      setEditing(null);
                      toast.success(p.saved(name(item.level)));
                      query.reload();
                    }}
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <ProfileFacts profile={item.profile} />
                )}
                {isAdmin && editing !== item.level && (
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button"
                      onClick={() => setEditing(item.level)}
                      aria-label={p.editTitle(name(item.level))}
                    >
                      {p.edit}
                    </button>
                    {item.source === 'override' && (
                      <button type="button" className="button" onClick={() => setResetting(item.level)}>
                        {p.reset}
                      </button>
                    )}
                  </div>
                )}
              </article>
            ))}
          </div>
        )}
      </QueryView>
      <ConfirmDialog
        open={resetting !== null}
        title={resetting === null ? '' : p.resetTitle(name(resetting))}
        busy={busy}
        confirmLabel={p.reset}
        onConfirm={() => void reset()}
        onCancel={() => setResetting(null)}
      >
        <p>{p.resetBody}</p>
      </ConfirmDialog>
    </>
  );
}
