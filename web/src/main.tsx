// First the warm-up that must start before anything else (it takes a worker), then the shared
// styles: a component's own stylesheet, imported later, may refine them.
import './app/warm-intl';
// Then the early start (/auth/me, the screen's chunk, its first rows): before the rest of the main
// bundle is evaluated, so those answers are on their way meanwhile.
import './app/start-early';
import './styles/tokens.css';
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initTheme } from './app/theme';
import { applyLevelColours } from './levels';

initTheme();
applyLevelColours(document.documentElement);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
