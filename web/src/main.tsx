// First the warm-up that must start before anything else (it takes a worker), then the shared
// styles: a component's own stylesheet, imported later, may refine them.
import './app/warm-intl';
import './styles/tokens.css';
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startEarly } from './app/boot';
import { initTheme } from './app/theme';
import { applyLevelColours } from './levels';

startEarly(window.location);
initTheme();
applyLevelColours(document.documentElement);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
