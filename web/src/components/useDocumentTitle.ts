import { useEffect } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** The tab says where you are: used by <Page>, and by screens outside the shell (sign-in). */
export function useDocumentTitle(title: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t.common.appName}`;
  }, [title, t]);
}
