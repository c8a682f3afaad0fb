import { Link } from '../app/router';
import { Page } from '../components/Page';
import { useI18n } from '../i18n/I18nProvider';

export function NotFound({ path }: { path: string }) {
  const { t } = useI18n();
  return (
    <Page title={t.common.notFound.title}>
      <p>{t.common.notFound.body(path)}</p>
      <Link to={{ name: 'now' }}>{t.common.notFound.home}</Link>
    </Page>
  );
}
