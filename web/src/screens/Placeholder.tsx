import { Page } from '../components/Page';
import { EmptyState } from '../components/StateView';
import { useI18n } from '../i18n/I18nProvider';

/** Stands in for a screen that is not built yet; replace the screen's file, not this one. */
export function Placeholder({ title }: { title: string }) {
  const { t } = useI18n();
  return (
    <Page title={title}>
      <EmptyState>{t.placeholders.soon}</EmptyState>
    </Page>
  );
}
